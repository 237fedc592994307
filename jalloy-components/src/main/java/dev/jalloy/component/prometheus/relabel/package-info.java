/**
 * {@code prometheus.relabel}: rewrites, filters and drops the series of samples passing through it
 * with relabel rules, then forwards them.
 */
package dev.jalloy.component.prometheus.relabel;
