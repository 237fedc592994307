/**
 * What every {@code prometheus.exporter.*} component shares, as Alloy's {@code
 * internal/component/prometheus/exporter} package: the {@code targets} export and the target that
 * points a scraper at the component's in-memory {@code /metrics}. Each exporter lives in a
 * sub-package named after it.
 */
package dev.jalloy.component.prometheus.exporter;
