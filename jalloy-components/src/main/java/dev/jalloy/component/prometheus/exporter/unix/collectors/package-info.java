/**
 * node_exporter's collectors that read {@code /proc} (and the few {@code /sys} files those
 * collectors consult): one class per collector, named after node_exporter's collector, writing
 * node_exporter 1.5's family names, help texts, types and labels.
 *
 * <p>Each constructor takes the {@link dev.jalloy.component.prometheus.exporter.unix.HostPaths} and
 * the collector's settings as plain values; defaults are public constants named {@code
 * DEFAULT_...}. Parsing splits on whitespace rather than matching regular expressions per line,
 * since a whole scrape of node_exporter costs about 14 ms of CPU and these collectors are most of
 * it.
 */
package dev.jalloy.component.prometheus.exporter.unix.collectors;
