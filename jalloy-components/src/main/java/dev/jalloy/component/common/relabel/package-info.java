/**
 * Prometheus relabeling as Alloy configures it: the {@code rule} block ({@link
 * dev.jalloy.component.common.relabel.Rule}), the capsule components pass rules around in ({@link
 * dev.jalloy.component.common.relabel.RelabelRules}) and the engine ({@link
 * dev.jalloy.component.common.relabel.Relabeler}), used by {@code discovery.relabel}, {@code
 * prometheus.relabel}, {@code loki.relabel} and {@code write_relabel_config}.
 */
package dev.jalloy.component.common.relabel;
