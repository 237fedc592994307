package dev.jalloy.component.prometheus.remotewrite.wire;

import dev.jalloy.model.Labels;
import java.util.List;

/**
 * {@code prometheus.TimeSeries}: a label set with its samples (in timestamp order) and exemplars.
 * Native histograms are not modelled yet.
 */
public record TimeSeries(Labels labels, List<Sample> samples, List<Exemplar> exemplars) {
  public TimeSeries {
    samples = List.copyOf(samples);
    exemplars = List.copyOf(exemplars);
  }

  public TimeSeries(Labels labels, List<Sample> samples) {
    this(labels, samples, List.of());
  }
}
