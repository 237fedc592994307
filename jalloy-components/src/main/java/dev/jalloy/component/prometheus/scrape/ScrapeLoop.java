package dev.jalloy.component.prometheus.scrape;

import dev.jalloy.component.prometheus.scrape.textparse.ScrapeProtocol;
import dev.jalloy.component.prometheus.scrape.textparse.StringCache;
import dev.jalloy.component.prometheus.scrape.textparse.TextParser;
import dev.jalloy.model.Appendable;
import dev.jalloy.model.Appender;
import dev.jalloy.model.Exemplar;
import dev.jalloy.model.Labels;
import dev.jalloy.model.Samples;
import dev.jalloy.syntax.decode.Attr;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Scrapes one target on its own virtual thread, as Prometheus' scrape/scrape.go {@code scrapeLoop}:
 * each scrape is one appender transaction, committed when the body was fetched and parsed and
 * rolled back otherwise; synthetic series report the outcome; series that disappear get a stale
 * marker, and so does every series of the target when the loop ends.
 */
final class ScrapeLoop {
  private static final String[] REPORT_NAMES = {
    "up",
    "scrape_duration_seconds",
    "scrape_samples_scraped",
    "scrape_samples_post_metric_relabeling",
    "scrape_series_added",
    "scrape_timeout_seconds",
    "scrape_sample_limit",
    "scrape_body_size_bytes"
  };

  /**
   * What a loop does with what it fetched; fixed for the loop's life.
   *
   * @param honorLabels scraped labels win over target labels
   * @param honorTimestamps keep the timestamps of the exposition
   * @param trackTimestampsStaleness stale markers also for explicitly timestamped series
   * @param sampleLimit most samples per scrape, 0 for no limit
   * @param labelLimit most labels per series, 0 for no limit
   * @param labelNameLengthLimit longest label name, 0 for no limit
   * @param labelValueLengthLimit longest label value, 0 for no limit
   * @param extraMetrics also report timeout, sample limit and body size
   * @param fallback the parser when the Content-Type does not decide
   * @param settings what each request carries
   */
  record Config(
      boolean honorLabels,
      boolean honorTimestamps,
      boolean trackTimestampsStaleness,
      long sampleLimit,
      long labelLimit,
      long labelNameLengthLimit,
      long labelValueLengthLimit,
      boolean extraMetrics,
      Optional<ScrapeProtocol> fallback,
      Scraper.Settings settings) {}

  /**
   * The last scrape of a target, for the component's debug info.
   *
   * @param labels the target's labels
   * @param url the scrape URL
   * @param health up, down or unknown
   * @param lastError the last scrape's error, empty when it worked
   * @param lastScrape when it started (RFC 3339), empty before the first scrape
   * @param lastScrapeDuration how long it took
   */
  public record Status(
      @Attr("labels") String labels,
      @Attr("url") String url,
      @Attr("health") String health,
      @Attr(value = "last_error", optional = true) String lastError,
      @Attr(value = "last_scrape", optional = true) String lastScrape,
      @Attr(value = "last_scrape_duration", optional = true) Duration lastScrapeDuration) {}

  private final TargetLabels.Target target;
  private final Config config;
  private final Supplier<Appendable> appendable;
  private final Scraper scraper;
  private final Clock clock;
  private final Logger logger;
  private final StringCache strings = new StringCache();
  private final Labels.Builder builder = Labels.builder();
  private final ReportSeries[] reports;
  private ScrapeCache cache = new ScrapeCache();

  /** The series the last successful scrape appended; those missing next time get stale markers. */
  private List<ScrapeCache.Series> previous = new ArrayList<>();

  /** Scrapes are numbered from 1 so a series' {@code lastScrape} of 0 means "never". */
  private long scrapeNumber;

  private long lastSuccessfulScrape;
  private volatile Status status;

  /** An error every scrape reports instead of scraping (target_limit exceeded), or null. */
  private volatile String forcedError;

  private volatile boolean stopped;
  private Thread thread;

  ScrapeLoop(
      TargetLabels.Target target,
      Config config,
      Supplier<Appendable> appendable,
      Scraper scraper,
      Clock clock,
      Logger logger) {
    this.target = target;
    this.config = config;
    this.appendable = appendable;
    this.scraper = scraper;
    this.clock = clock;
    this.logger = logger;
    this.status =
        new Status(target.labels().toString(), target.url(), "unknown", "", "", Duration.ZERO);
    this.reports = new ReportSeries[REPORT_NAMES.length];
    for (int i = 0; i < reports.length; i++) {
      reports[i] = new ReportSeries(target.labels().toBuilder().set("__name__", REPORT_NAMES[i]));
    }
  }

  /** A synthetic series: its labels are built once per loop, its reference kept. */
  private static final class ReportSeries {
    final Labels labels;
    long ref;

    ReportSeries(Labels.Builder b) {
      this.labels = b.build();
    }
  }

  TargetLabels.Target target() {
    return target;
  }

  Status status() {
    return status;
  }

  /** Makes every scrape fail with {@code error} without fetching; null scrapes again. */
  void forceError(String error) {
    forcedError = error;
  }

  /** The error every scrape reports instead of scraping, or null. */
  String forcedError() {
    return forcedError;
  }

  /**
   * Takes over the series another loop for the same target reported, so none goes stale. Only the
   * series move over, not the spellings: the new loop may build other labels from the same text
   * (honor_labels changed), and then the old series rightly go stale.
   */
  void inherit(ScrapeLoop old) {
    previous = old.previous;
    cache = ScrapeCache.adopting(previous);
    scrapeNumber = old.scrapeNumber;
    lastSuccessfulScrape = old.lastSuccessfulScrape;
  }

  void start() {
    thread = Thread.ofVirtual().name("scrape " + target.url()).start(this::run);
  }

  /**
   * Stops the loop and waits for it.
   *
   * @param markStale write stale markers for every series the target had, as its target is gone
   */
  void stop(boolean markStale) throws InterruptedException {
    stopped = true;
    if (thread != null) {
      thread.interrupt();
      thread.join();
    }
    if (markStale) {
      long now = clock.millis();
      Appender app = appendable.get().appender();
      try {
        for (ScrapeCache.Series series : previous) {
          if (series.tracksStaleness) {
            app.append(series.ref, series.labels, now, Samples.STALE_NAN);
          }
        }
        for (ReportSeries report : reports) {
          app.append(report.ref, report.labels, now, Samples.STALE_NAN);
        }
        app.commit();
      } catch (RuntimeException e) {
        app.rollback();
        logger
            .atWarn()
            .addKeyValue("err", e.toString())
            .log("stale markers for a removed target failed");
      }
      previous = new ArrayList<>();
      cache = new ScrapeCache();
    }
  }

  private void run() {
    try {
      Thread.sleep(Duration.ofNanos(offsetNanos(System.currentTimeMillis() * 1_000_000L)));
      long intervalNanos = target.interval().toNanos();
      long next = System.nanoTime();
      while (!stopped) {
        scrapeOnce();
        next += intervalNanos;
        long wait = next - System.nanoTime();
        if (wait < 0) {
          next = System.nanoTime(); // fell behind: skip the missed ticks
        } else {
          Thread.sleep(Duration.ofNanos(wait));
        }
      }
    } catch (InterruptedException e) {
      // stopped
    }
  }

  /**
   * How long to wait before the first scrape, so targets with the same interval spread over it
   * (Prometheus' {@code scrapeLoop.offset}).
   */
  long offsetNanos(long nowNanos) {
    long interval = target.interval().toNanos();
    long base = interval - Math.floorMod(nowNanos, interval);
    long hash = target.labels().hash() * 31 + target.url().hashCode();
    long offset = Long.remainderUnsigned(hash, interval);
    long next = base + offset;
    return next > interval ? next - interval : next;
  }

  /** One scrape, reported; never throws except when interrupted. */
  void scrapeOnce() throws InterruptedException {
    long start = clock.millis();
    long startNanos = System.nanoTime();
    long scrape = ++scrapeNumber;
    Appender app = appendable.get().appender();
    int scraped = 0;
    int added = 0;
    int bodySize = 0;
    String error = "";
    List<ScrapeCache.Series> appended = new ArrayList<>(previous.size() + 16);
    try {
      String forced = forcedError;
      if (forced != null) {
        throw new IllegalStateException(forced);
      }
      Scraper.Body body = scraper.fetch(target, config.settings());
      bodySize = body.body().length;
      int[] counts = append(app, body, start, scrape, appended);
      scraped = counts[0];
      added = counts[1];
      for (ScrapeCache.Series gone : previous) {
        if (gone.tracksStaleness && gone.lastScrape != scrape) {
          gone.ref = app.append(gone.ref, gone.labels, start, Samples.STALE_NAN);
        }
      }
    } catch (InterruptedException e) {
      app.rollback();
      forget(appended);
      throw e;
    } catch (Exception e) {
      app.rollback();
      forget(appended);
      error = e.getMessage() == null ? e.toString() : e.getMessage();
      if (e instanceof Scraper.BodySizeLimitExceeded) {
        bodySize = -1; // Prometheus reports -1 for a body over the limit, 0 for other failures
      }
      app = appendable.get().appender();
      // A failed scrape ends every series it had, as an empty one would.
      for (ScrapeCache.Series gone : previous) {
        if (gone.tracksStaleness) {
          gone.ref = app.append(gone.ref, gone.labels, start, Samples.STALE_NAN);
        }
      }
      appended.clear();
      scraped = 0;
      added = 0;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    boolean up = error.isEmpty();
    report(app, start, up, took, scraped, added, bodySize);
    try {
      app.commit();
      previous = appended;
      if (up) {
        lastSuccessfulScrape = scrape;
        cache.endSuccessfulScrape();
        if (cache.size() > appended.size()) {
          cache.retainReportedIn(scrape);
        }
      }
    } catch (RuntimeException e) {
      app.rollback();
      forget(appended);
      error = "commit: " + e.getMessage();
    }
    if (!error.isEmpty()) {
      logger
          .atDebug()
          .addKeyValue("target", target.url())
          .addKeyValue("err", error)
          .log("scrape failed");
    }
    status =
        new Status(
            target.labels().toString(),
            target.url(),
            error.isEmpty() ? "up" : "down",
            error,
            Instant.ofEpochMilli(start).toString(),
            took);
  }

  /**
   * Appends the body's series, each once; returns {samples scraped, series added}. A series seen
   * before is found by its text in the cache and keeps its labels and reference; only a new one has
   * its labels built, merged with the target's and checked against the limits.
   */
  private int[] append(
      Appender app, Scraper.Body body, long start, long scrape, List<ScrapeCache.Series> appended)
      throws Exception {
    ScrapeProtocol protocol =
        ScrapeProtocol.forContentType(body.contentType(), config.fallback())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "received unsupported Content-Type \""
                            + body.contentType()
                            + "\" and no fallback_scrape_protocol specified for target"));
    if (protocol == ScrapeProtocol.PROMETHEUS_PROTO) {
      throw new IllegalStateException("PrometheusProto is not supported yet");
    }
    byte[] b = body.body();
    TextParser p = protocol.textParser(b, 0, b.length, strings);
    int scraped = 0;
    int added = 0;
    Labels.Builder exemplar = null;
    cache.beginScrape();
    for (TextParser.Entry e; (e = p.next()) != TextParser.Entry.EOF; ) {
      if (e != TextParser.Entry.SERIES) {
        continue;
      }
      scraped++;
      ScrapeCache.Series series = cache.find(p);
      if (series == null) {
        p.labels(builder.reset());
        Labels labels = mutate(builder);
        checkLabelLimits(labels);
        series = cache.add(p, labels);
      }
      if (series.lastScrape == scrape) {
        continue; // duplicate series in one scrape: Prometheus drops it
      }
      if (series.lastScrape == 0 || series.lastScrape != lastSuccessfulScrape) {
        added++;
      }
      series.lastScrape = scrape;
      appended.add(series);
      if (config.sampleLimit() > 0 && appended.size() > config.sampleLimit()) {
        throw new IllegalStateException("sample limit exceeded");
      }
      boolean explicit = config.honorTimestamps() && p.hasTimestamp();
      // Series that bring their own time get no stale markers unless asked for.
      series.tracksStaleness = !explicit || config.trackTimestampsStaleness();
      series.ref =
          app.append(series.ref, series.labels, explicit ? p.timestamp() : start, p.value());
      if (p.hasExemplar()) {
        if (exemplar == null) {
          exemplar = Labels.builder();
        }
        p.exemplarLabels(exemplar.reset());
        app.appendExemplar(
            series.ref,
            series.labels,
            new Exemplar(
                exemplar.build(),
                p.exemplarHasTimestamp() ? p.exemplarTimestamp() : 0,
                p.exemplarValue()));
      }
    }
    return new int[] {scraped, added};
  }

  /** After a scrape that was rolled back, its series count as not reported by it. */
  private static void forget(List<ScrapeCache.Series> appended) {
    for (ScrapeCache.Series series : appended) {
      series.lastScrape = 0;
    }
  }

  /** Prometheus' mutateSampleLabels without relabeling: target labels merged in. */
  private Labels mutate(Labels.Builder scraped) {
    Labels targetLabels = target.labels();
    for (int i = 0; i < targetLabels.size(); i++) {
      String name = targetLabels.name(i);
      if (config.honorLabels()) {
        if (scraped.get(name).isEmpty()) {
          scraped.set(name, targetLabels.value(i));
        }
      } else {
        String existing = scraped.get(name);
        if (!existing.isEmpty()) {
          String exported = "exported_" + name;
          while (!scraped.get(exported).isEmpty() && !targetLabels.has(exported)) {
            exported = "exported_" + exported;
          }
          scraped.set(exported, existing);
        }
        scraped.set(name, targetLabels.value(i));
      }
    }
    return scraped.build();
  }

  private void checkLabelLimits(Labels series) {
    if (config.labelLimit() > 0 && series.size() > config.labelLimit()) {
      throw new IllegalStateException(
          "label_limit exceeded (metric: "
              + series.get("__name__")
              + ", number of labels: "
              + series.size()
              + ", limit: "
              + config.labelLimit()
              + ")");
    }
    for (int i = 0; i < series.size(); i++) {
      if (config.labelNameLengthLimit() > 0
          && series.name(i).length() > config.labelNameLengthLimit()) {
        throw new IllegalStateException(
            "label_name_length_limit exceeded (metric: "
                + series.get("__name__")
                + ", label name: "
                + series.name(i)
                + ", length: "
                + series.name(i).length()
                + ", limit: "
                + config.labelNameLengthLimit()
                + ")");
      }
      if (config.labelValueLengthLimit() > 0
          && series.value(i).length() > config.labelValueLengthLimit()) {
        throw new IllegalStateException(
            "label_value_length_limit exceeded (metric: "
                + series.get("__name__")
                + ", label name: "
                + series.name(i)
                + ", value: \""
                + series.value(i)
                + "\", length: "
                + series.value(i).length()
                + ", limit: "
                + config.labelValueLengthLimit()
                + ")");
      }
    }
  }

  private void report(
      Appender app, long ts, boolean up, Duration took, int scraped, int added, int bodySize) {
    // In REPORT_NAMES order; the last three only with extra_metrics.
    double[] values = {
      up ? 1 : 0,
      took.toNanos() / 1e9,
      scraped,
      scraped,
      added,
      target.timeout().toMillis() / 1e3,
      config.sampleLimit(),
      up || bodySize < 0 ? bodySize : 0
    };
    int n = config.extraMetrics() ? reports.length : 5;
    for (int i = 0; i < n; i++) {
      reports[i].ref = app.append(reports[i].ref, reports[i].labels, ts, values[i]);
    }
  }

  static List<String> reportNames() {
    return List.of(REPORT_NAMES);
  }
}
