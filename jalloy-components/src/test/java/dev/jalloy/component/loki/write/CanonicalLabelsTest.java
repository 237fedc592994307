package dev.jalloy.component.loki.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.model.Labels;
import org.junit.jupiter.api.Test;

class CanonicalLabelsTest {
  @Test
  void equalSetsComeBackAsTheFirstObjectSeen() {
    CanonicalLabels canonical = new CanonicalLabels(10);
    Labels first = Labels.of("job", "a", "level", "info");
    Labels equal = Labels.of("level", "info", "job", "a");
    Labels other = Labels.of("job", "a", "level", "warn");
    assertThat(equal).isEqualTo(first).isNotSameAs(first);

    assertThat(canonical.canonical(first)).isSameAs(first);
    assertThat(canonical.canonical(equal)).isSameAs(first);
    assertThat(canonical.canonical(other)).isSameAs(other);
  }

  @Test
  void aFullCacheStartsOverInsteadOfGrowing() {
    CanonicalLabels canonical = new CanonicalLabels(2);
    Labels a = Labels.of("n", "a");
    Labels b = Labels.of("n", "b");
    canonical.canonical(a);
    canonical.canonical(b);
    canonical.canonical(Labels.of("n", "c")); // the third set clears the two before it
    Labels laterA = Labels.of("n", "a");
    assertThat(canonical.canonical(laterA)).isSameAs(laterA);
  }
}
