package dev.jalloy.component.prometheus.remotewrite.wire;

/**
 * {@code prometheus.MetricMetadata}: type, help and unit of one metric family.
 *
 * @param familyName the metric family name as the scrape reported it
 * @param help the HELP text, or ""
 * @param unit the UNIT, or ""
 */
public record MetricMetadata(MetricType type, String familyName, String help, String unit) {}
