package dev.jalloy.component.prometheus.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.prometheus.scrape.textparse.TextParser;
import dev.jalloy.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cache guesses each line from the previous scrape's order before it hashes; whatever the
 * order, it must find exactly the series a plain map from text to series would.
 */
class ScrapeCacheTest {
  private final ScrapeCache cache = new ScrapeCache();
  private final Map<String, ScrapeCache.Series> byText = new HashMap<>();
  private long scrape;

  /** Looks up every line of one scrape, adding the new ones, as the scrape loop does. */
  private void scrape(List<String> series) throws Exception {
    scrape++;
    StringBuilder body = new StringBuilder();
    series.forEach(s -> body.append(s).append(" 1\n"));
    byte[] b = body.toString().getBytes(StandardCharsets.UTF_8);
    TextParser p = TextParser.prometheus(b, 0, b.length);
    cache.beginScrape();
    int line = 0;
    for (TextParser.Entry e; (e = p.next()) != TextParser.Entry.EOF; ) {
      if (e != TextParser.Entry.SERIES) {
        continue;
      }
      String text = series.get(line++);
      ScrapeCache.Series found = cache.find(p);
      ScrapeCache.Series known = byText.get(text);
      assertThat(found).as("scrape %d, line %s", scrape, text).isSameAs(known);
      if (found == null) {
        found = cache.add(p, Labels.of("__name__", "m", "text", text));
        byText.put(text, found);
      }
      found.lastScrape = scrape;
    }
    cache.endSuccessfulScrape();
    cache.retainReportedIn(scrape);
    byText.values().removeIf(s -> s.lastScrape != scrape);
  }

  private static String series(int i) {
    return "m{i=\"" + i + "\"}";
  }

  @Test
  void findsTheSameSeriesWhateverTheOrderScrapeAfterScrape() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      lines.add(series(i));
    }
    scrape(lines);
    scrape(lines); // same order: every line guessed
    lines.add(10, series(1000)); // one new line in the middle
    scrape(lines);
    lines.remove(20); // one line gone
    scrape(lines);
    Collections.reverse(lines); // every guess wrong
    scrape(lines);
    assertThat(cache.size()).isEqualTo(lines.size());
  }

  @Test
  void agreesWithAMapOverRandomChangesBetweenScrapes() throws Exception {
    Random random = new Random(7);
    List<String> lines = new ArrayList<>();
    int next = 0;
    for (; next < 200; next++) {
      lines.add(series(next));
    }
    for (int round = 0; round < 300; round++) {
      switch (random.nextInt(5)) {
        case 0 -> lines.add(random.nextInt(lines.size() + 1), series(next++));
        case 1 -> lines.remove(random.nextInt(lines.size()));
        case 2 ->
            Collections.swap(lines, random.nextInt(lines.size()), random.nextInt(lines.size()));
        case 3 -> Collections.shuffle(lines.subList(0, lines.size() / 2), random);
        default -> {} // unchanged, as most scrapes are
      }
      scrape(lines);
    }
    assertThat(cache.size()).isEqualTo(lines.size());
  }

  @Test
  void aFailedScrapeLeavesTheLastGoodOrderToFollow() throws Exception {
    List<String> lines = List.of(series(1), series(2), series(3));
    scrape(lines);
    // A scrape that stops half-way (a malformed line) is never ended as successful.
    cache.beginScrape();
    byte[] b = (series(3) + " 1\n").getBytes(StandardCharsets.UTF_8);
    TextParser p = TextParser.prometheus(b, 0, b.length);
    p.next();
    assertThat(cache.find(p)).isSameAs(byText.get(series(3)));
    scrape(lines);
    assertThat(cache.size()).isEqualTo(3);
  }
}
