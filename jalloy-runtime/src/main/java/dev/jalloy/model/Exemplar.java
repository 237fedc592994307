package dev.jalloy.model;

/**
 * An exemplar: a sample of a trace that produced an observation.
 *
 * @param labels the exemplar's labels (trace_id, ...)
 * @param timestampMs when it was observed, 0 when unknown
 * @param value the observed value
 */
public record Exemplar(Labels labels, long timestampMs, double value) {}
