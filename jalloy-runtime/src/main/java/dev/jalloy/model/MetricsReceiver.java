package dev.jalloy.model;

/**
 * What {@code forward_to} lists for metrics: the {@code receiver} export of {@code
 * prometheus.relabel}, {@code prometheus.remote_write}, ... (Alloy's {@code
 * capsule(storage.Appendable)}). Components export one and accept {@code List<MetricsReceiver>}.
 */
public interface MetricsReceiver extends Appendable {}
