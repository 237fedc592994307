/** {@code loki.relabel}: relabels the label sets of log entries with {@code rule} blocks. */
package dev.jalloy.component.loki.relabel;
