/**
 * {@code prometheus.exporter.unix}: node_exporter's collectors, reading {@code /proc}, {@code /sys}
 * and the root filesystem and writing node_exporter's metric names, types, labels and values. The
 * framework (collector contract, per-scrape sink, exposition) lives here; each collector is one
 * class in {@code collectors}.
 */
package dev.jalloy.component.prometheus.exporter.unix;
