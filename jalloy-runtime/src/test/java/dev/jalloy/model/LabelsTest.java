package dev.jalloy.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void aSortedMapGivesWhatTheBuilderGives() {
    Map<String, String> hashed = new HashMap<>();
    hashed.put("job", "bench");
    hashed.put("a", "1");
    hashed.put("empty", "");
    hashed.put("z", "last");
    Labels expected = Labels.of("job", "bench", "a", "1", "z", "last");
    Labels fromSorted = Labels.of(new TreeMap<>(hashed));
    assertThat(fromSorted).isEqualTo(expected);
    assertThat(fromSorted.hash()).isEqualTo(expected.hash());
    assertThat(fromSorted.toString()).isEqualTo(expected.toString());
    assertThat(Labels.of(hashed)).isEqualTo(expected);
    TreeMap<String, String> reversed = new TreeMap<>(Comparator.reverseOrder());
    reversed.putAll(hashed);
    assertThat(Labels.of(reversed)).isEqualTo(expected);
  }

  @Test
  void sortedArraysGiveWhatTheBuilderGives() {
    String[] names = {"a", "empty", "job", "z", "unused"};
    String[] values = {"1", "", "bench", "last", "x"};
    assertThat(Labels.ofSorted(names, values, 4))
        .isEqualTo(Labels.of("job", "bench", "a", "1", "z", "last"));
    assertThat(Labels.ofSorted(names, values, 0)).isSameAs(Labels.EMPTY);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Labels.ofSorted(new String[] {"b", "a"}, new String[] {"1", "2"}, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyEmptyValuesGiveTheEmptySet() {
    assertThat(Labels.of(new TreeMap<>(Map.of("a", "")))).isSameAs(Labels.EMPTY);
    assertThat(Labels.of(Map.of())).isSameAs(Labels.EMPTY);
  }

  @Test
  void sameAsComparesWithTheLabelsSortedArraysWouldBuild() {
    String[] names = {"a", "empty", "job", "z"};
    String[] values = {"1", "", "bench", "last"};
    Labels built = Labels.ofSorted(names, values, 4);
    assertThat(built.sameAs(names, values, 4)).isTrue();
    assertThat(built.sameAs(names, values, 3)).isFalse(); // one label fewer
    assertThat(built.sameAs(names, new String[] {"1", "", "bench", "lasT"}, 4)).isFalse();
    assertThat(built.sameAs(new String[] {"a", "empty", "jobs", "z"}, values, 4)).isFalse();
    String[] withEmpty = {"1", "x", "bench", "last"};
    assertThat(built.sameAs(names, withEmpty, 4)).isFalse(); // a label the set does not have
    assertThat(Labels.EMPTY.sameAs(names, new String[] {"", "", "", ""}, 4)).isTrue();
  }
}
