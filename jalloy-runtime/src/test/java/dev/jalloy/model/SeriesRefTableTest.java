package dev.jalloy.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SeriesRefTableTest {
  private record Item(long seriesRef, String name) implements SeriesRefTable.Entry {}

  @Test
  void findsWhatWasAddedAndForgetsWhatWasRemoved() {
    var table = new SeriesRefTable<Item>();
    Item a = new Item(SeriesRefs.next(), "a");
    Item b = new Item(SeriesRefs.next(), "b");
    table.add(a);
    table.add(b);

    assertThat(table.get(a.seriesRef())).isSameAs(a);
    assertThat(table.get(b.seriesRef())).isSameAs(b);
    assertThat(table.get(SeriesRefs.next())).isNull();

    assertThat(table.remove(a)).isTrue();
    assertThat(table.remove(a)).isFalse();
    assertThat(table.get(a.seriesRef())).isNull();
    assertThat(table.get(b.seriesRef())).isSameAs(b);
    assertThat(table.size()).isEqualTo(1);
  }

  /** Adds and removes at random against a HashMap, through growth and tombstone rebuilds. */
  @Test
  void agreesWithAMapThroughRandomAddsAndRemoves() {
    var table = new SeriesRefTable<Item>();
    Map<Long, Item> expected = new HashMap<>();
    List<Item> present = new ArrayList<>();
    Random random = new Random(42);
    for (int step = 0; step < 200_000; step++) {
      if (present.isEmpty() || random.nextInt(3) > 0 && present.size() < 5_000) {
        Item item = new Item(SeriesRefs.next(), "i" + step);
        table.add(item);
        expected.put(item.seriesRef(), item);
        present.add(item);
      } else {
        Item gone = present.remove(random.nextInt(present.size()));
        assertThat(table.remove(gone)).isTrue();
        expected.remove(gone.seriesRef());
      }
    }
    assertThat(table.size()).isEqualTo(expected.size());
    expected.forEach((ref, item) -> assertThat(table.get(ref)).isSameAs(item));
    Map<Long, Item> seen = new HashMap<>();
    table.forEach(item -> seen.put(item.seriesRef(), item));
    assertThat(seen).isEqualTo(expected);
  }

  /** Dropping nine in ten also rebuilds the table without its tombstones. */
  @Test
  void removeIfDropsOnlyTheChosenOnes() {
    var table = new SeriesRefTable<Item>();
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      Item item = new Item(SeriesRefs.next(), i % 10 == 0 ? "keep" : "drop");
      items.add(item);
      table.add(item);
    }
    table.removeIf(item -> item.name().equals("drop"));

    assertThat(table.size()).isEqualTo(100);
    for (Item item : items) {
      assertThat(table.get(item.seriesRef())).isEqualTo(item.name().equals("keep") ? item : null);
    }
    table.clear();
    assertThat(table.get(items.get(0).seriesRef())).isNull();
    assertThat(table.size()).isZero();
  }

  /** A reader racing a writer may miss, but never gets an entry with another reference. */
  @Test
  void concurrentReadersNeverSeeAnotherReferencesEntry() throws Exception {
    var table = new SeriesRefTable<Item>();
    List<Item> stable = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      Item item = new Item(SeriesRefs.next(), "stable");
      stable.add(item);
      table.add(item);
    }
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> wrong = new AtomicReference<>();
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!done.get()) {
                    for (Item item : stable) {
                      Item found = table.get(item.seriesRef());
                      if (found != null && found != item) {
                        wrong.set(found + " for " + item);
                      }
                    }
                  }
                });
    List<Item> churn = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      Item item = new Item(SeriesRefs.next(), "churn");
      table.add(item);
      churn.add(item);
      if (churn.size() > 2_000) {
        table.remove(churn.remove(0));
      }
    }
    done.set(true);
    reader.join();

    assertThat(wrong.get()).isNull();
    // Once the writer is done, every stable entry is found again.
    stable.forEach(item -> assertThat(table.get(item.seriesRef())).isSameAs(item));
  }
}
