/**
 * {@code prometheus.exporter.self}: exposes jalloy's own process metrics as a scrape target, the
 * same content as the server's {@code /metrics}.
 */
package dev.jalloy.component.prometheus.exporter.self;
