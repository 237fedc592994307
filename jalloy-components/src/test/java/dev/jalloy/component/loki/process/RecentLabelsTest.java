package dev.jalloy.component.loki.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.model.Labels;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentLabelsTest {
  private final RecentLabels recent = new RecentLabels();

  private Labels of(String level, String status) {
    String[] names = {"job", "level", "status"};
    String[] values = {"app", level, status};
    return recent.of(names, values, 3);
  }

  @Test
  void theSameContentGivesTheSameInstanceAndOtherContentItsOwn() {
    Labels first = of("info", "200");
    assertThat(of("info", new String("200"))).isSameAs(first); // equal content, other strings
    Labels other = of("warn", "200");
    assertThat(other)
        .isNotSameAs(first)
        .isEqualTo(Labels.of("job", "app", "level", "warn", "status", "200"));
    assertThat(of("info", "")).isEqualTo(Labels.of("job", "app", "level", "info"));
  }

  /** Whatever is reused or evicted, the result always equals what ofSorted builds. */
  @Test
  void alwaysEqualsWhatWouldBeBuilt() {
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      String level = "l" + random.nextInt(40);
      String status = random.nextInt(10) == 0 ? "" : Integer.toString(random.nextInt(30));
      Labels got = of(level, status);
      assertThat(got)
          .isEqualTo(
              Labels.ofSorted(
                  new String[] {"job", "level", "status"}, new String[] {"app", level, status}, 3));
    }
  }
}
