package dev.jalloy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SlotRefTableTest {
  private record Item(long seriesRef, String name) implements SeriesRefTable.Entry {}

  @Test
  void findsWhatWasAddedAndNotAStaleOrForeignReference() {
    var table = new SlotRefTable<Item>();
    Item a = table.add(ref -> new Item(ref, "a"));
    Item b = table.add(ref -> new Item(ref, "b"));
    assertThat(table.get(a.seriesRef())).isSameAs(a);
    assertThat(table.get(b.seriesRef())).isSameAs(b);
    assertThat(a.seriesRef()).isNotEqualTo(b.seriesRef()).isNotZero();

    assertThat(table.remove(a)).isTrue();
    assertThat(table.remove(a)).isFalse();
    assertThat(table.get(a.seriesRef())).isNull();
    Item c = table.add(ref -> new Item(ref, "c")); // takes a's slot back
    assertThat(c.seriesRef() & 0xffffff).isEqualTo(a.seriesRef() & 0xffffff);
    assertThat(table.get(a.seriesRef())).isNull();
    assertThat(table.get(c.seriesRef())).isSameAs(c);

    // references handed out elsewhere, and 0, name nothing here
    for (int i = 0; i < 100; i++) {
      assertThat(table.get(SeriesRefs.next())).isNull();
    }
    assertThat(table.get(0)).isNull();
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void slotsAreHandedOutInTheOrderEntriesAreAdded() {
    var table = new SlotRefTable<Item>();
    long previous = -1;
    for (int i = 0; i < 100; i++) {
      long slot = table.add(ref -> new Item(ref, "x")).seriesRef() & 0xffffff;
      assertThat(slot).isEqualTo(previous + 1);
      previous = slot;
    }
  }

  @Test
  void anEntryMustCarryItsReferenceAndAFailedAddLosesNoSlot() {
    var table = new SlotRefTable<Item>();
    assertThatThrownBy(() -> table.add(ref -> new Item(ref + 1, "wrong")))
        .isInstanceOf(IllegalArgumentException.class);
    Item first = table.add(ref -> new Item(ref, "first"));
    assertThat(first.seriesRef() & 0xffffff).isZero();
    assertThat(table.size()).isEqualTo(1);
  }

  /** Adds and removes at random against a map; references are never handed out twice. */
  @Test
  void agreesWithAMapThroughRandomAddsAndRemoves() {
    var table = new SlotRefTable<Item>();
    Map<Long, Item> expected = new HashMap<>();
    List<Item> removed = new ArrayList<>();
    Set<Long> refs = new HashSet<>();
    Random random = new Random(42);
    for (int step = 0; step < 50_000; step++) {
      if (expected.isEmpty() || random.nextInt(3) > 0) {
        Item item = table.add(ref -> new Item(ref, "i"));
        assertThat(refs.add(item.seriesRef())).isTrue();
        expected.put(item.seriesRef(), item);
      } else {
        Item victim = expected.values().iterator().next();
        assertThat(table.remove(victim)).isTrue();
        expected.remove(victim.seriesRef());
        removed.add(victim);
      }
    }
    assertThat(table.size()).isEqualTo(expected.size());
    expected.values().forEach(item -> assertThat(table.get(item.seriesRef())).isSameAs(item));
    removed.forEach(item -> assertThat(table.get(item.seriesRef())).isNull());

    table.removeIf(item -> item.seriesRef() % 2 == 0);
    expected.values().removeIf(item -> item.seriesRef() % 2 == 0);
    assertThat(table.size()).isEqualTo(expected.size()).isPositive();
    expected.values().forEach(item -> assertThat(table.get(item.seriesRef())).isSameAs(item));
    table.clear();
    assertThat(table.size()).isZero();
    expected.values().forEach(item -> assertThat(table.get(item.seriesRef())).isNull());
  }

  /** A reader racing a writer may miss an entry, but never gets another reference's entry. */
  @Test
  void aRacingReaderNeverGetsAnotherReferencesEntry() throws Exception {
    var table = new SlotRefTable<Item>();
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      items.add(table.add(ref -> new Item(ref, "i")));
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<String> wrong = new AtomicReference<>();
    long[] probes = items.stream().mapToLong(Item::seriesRef).toArray();
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!stop.get()) {
                    for (long ref : probes) {
                      Item found = table.get(ref);
                      if (found != null && found.seriesRef() != ref) {
                        wrong.set(ref + " -> " + found.seriesRef());
                      }
                    }
                  }
                });
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      int i = random.nextInt(items.size());
      table.remove(items.get(i));
      items.set(i, table.add(ref -> new Item(ref, "i")));
    }
    stop.set(true);
    reader.join();
    assertThat(wrong.get()).isNull();
  }
}
