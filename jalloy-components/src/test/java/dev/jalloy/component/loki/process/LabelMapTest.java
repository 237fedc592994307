package dev.jalloy.component.loki.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.model.Labels;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link LabelMap} behaves as the {@code TreeMap} it replaced, under random edits. */
class LabelMapTest {
  @Test
  void untouchedLabelsLeaveAsTheSameSet() {
    Labels in = Labels.of("job", "bench", "a", "1");
    LabelMap m = LabelMap.of(in);
    m.put("job", "bench"); // the same value: no change
    m.get("a");
    assertThat(m.toLabels()).isSameAs(in);
    m.put("a", "2");
    assertThat(m.toLabels()).isEqualTo(Labels.of("job", "bench", "a", "2"));
    LabelMap removed = LabelMap.of(in);
    removed.remove("a");
    assertThat(removed.toLabels()).isEqualTo(Labels.of("job", "bench"));
    LabelMap cleared = LabelMap.of(in);
    cleared.keySet().retainAll(Set.of());
    assertThat(cleared.toLabels()).isSameAs(Labels.EMPTY);
  }

  @Test
  void randomEditsMatchATreeMap() {
    Random random = new Random(3);
    List<String> names = List.of("a", "b", "job", "level", "stream", "z", "__name__", "x_y");
    for (int round = 0; round < 2000; round++) {
      TreeMap<String, String> expected = new TreeMap<>();
      LabelMap actual = LabelMap.of(Labels.of("job", "bench", "a", "1"));
      expected.put("job", "bench");
      expected.put("a", "1");
      for (int op = 0; op < 20; op++) {
        String name = names.get(random.nextInt(names.size()));
        String value = random.nextInt(5) == 0 ? "" : "v" + random.nextInt(3);
        switch (random.nextInt(6)) {
          case 0, 1 -> assertThat(actual.put(name, value)).isEqualTo(expected.put(name, value));
          case 2 -> assertThat(actual.remove(name)).isEqualTo(expected.remove(name));
          case 3 -> {
            Set<String> keep = new java.util.HashSet<>(List.of(name, names.get(random.nextInt(8))));
            assertThat(actual.keySet().retainAll(keep))
                .isEqualTo(expected.keySet().retainAll(keep));
          }
          case 4 -> {
            Iterator<Map.Entry<String, String>> it = actual.entrySet().iterator();
            Iterator<Map.Entry<String, String>> want = expected.entrySet().iterator();
            while (it.hasNext()) {
              Map.Entry<String, String> e = it.next();
              assertThat(e).isEqualTo(want.next());
              if (e.getKey().equals(name)) {
                it.remove();
                want.remove();
              }
            }
          }
          default -> {
            actual.replaceAll((k, v) -> v + "!");
            expected.replaceAll((k, v) -> v + "!");
          }
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
        assertThat(actual.toString()).isEqualTo(expected.toString());
        assertThat(actual.get(name)).isEqualTo(expected.get(name));
        assertThat(actual.containsKey(name)).isEqualTo(expected.containsKey(name));
      }
      assertThat(actual.toLabels()).isEqualTo(Labels.of(expected));
      assertThat(actual.copy()).isEqualTo(expected);
    }
  }
}
