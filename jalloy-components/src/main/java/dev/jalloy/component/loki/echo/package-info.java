/** {@code loki.echo}: writes every log entry it receives to Alloy's own log. */
package dev.jalloy.component.loki.echo;
