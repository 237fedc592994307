package dev.jalloy.component.prometheus.scrape;

import dev.jalloy.component.Component;
import dev.jalloy.component.DebugInfoProvider;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.component.common.http.AuthorizationBlock;
import dev.jalloy.component.common.http.AuthorizationHeader;
import dev.jalloy.component.common.http.BasicAuthBlock;
import dev.jalloy.component.common.http.ClientTls;
import dev.jalloy.component.common.http.TlsConfig;
import dev.jalloy.component.prometheus.scrape.textparse.ScrapeProtocol;
import dev.jalloy.model.Fanout;
import dev.jalloy.model.MetricsReceiver;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import dev.jalloy.syntax.decode.Validated;
import dev.jalloy.syntax.go.ByteSize;
import dev.jalloy.syntax.go.GoDuration;
import dev.jalloy.syntax.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code prometheus.scrape}: scrapes every target in {@code targets} and forwards the samples to
 * {@code forward_to}.
 *
 * <pre>
 * prometheus.scrape "default" {
 *   targets    = [{"__address__" = "localhost:9100"}]
 *   forward_to = [prometheus.remote_write.default.receiver]
 * }
 * </pre>
 *
 * <p>Follows Alloy's {@code internal/component/prometheus/scrape} over Prometheus' scrape manager:
 * one {@link ScrapeLoop} per distinct target, each on a virtual thread. An update keeps the loops
 * of targets that stay, starts new ones and stops removed ones, which mark their series stale; when
 * the scrape settings change every loop restarts, taking over its predecessor's series so none goes
 * stale.
 */
public final class PrometheusScrape
    implements Component<PrometheusScrape.Arguments>, DebugInfoProvider {
  /** How {@code prometheus.scrape} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.withoutExports(
          "prometheus.scrape",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          PrometheusScrape::new);

  /**
   * The arguments, named as Alloy documents them.
   *
   * @param targets the targets; each needs {@code __address__}
   * @param forwardTo where samples go
   * @param jobName the {@code job} label; the component id when empty
   * @param scrapeInterval how often to scrape
   * @param scrapeTimeout how long a scrape may take
   * @param metricsPath the default {@code __metrics_path__}
   * @param scheme the default {@code __scheme__}
   * @param params URL query parameters
   * @param honorLabels scraped labels win over target labels
   * @param honorTimestamps keep the exposition's timestamps
   * @param trackTimestampsStaleness stale markers also for explicitly timestamped series
   * @param extraMetrics report timeout, sample limit and body size too
   * @param scrapeProtocols the formats to ask for, best first
   * @param scrapeFallbackProtocol the format when the Content-Type does not say
   * @param enableCompression ask for gzip
   * @param bodySizeLimit the largest body, 0 for no limit
   * @param sampleLimit most samples per scrape, 0 for no limit
   * @param targetLimit most targets after relabeling; over it every target reports the error
   *     instead of being scraped, as Prometheus does; 0 for no limit
   * @param labelLimit most labels per series
   * @param labelNameLengthLimit longest label name
   * @param labelValueLengthLimit longest label value
   * @param bearerToken a bearer token
   * @param bearerTokenFile a file holding a bearer token
   * @param basicAuth basic authentication
   * @param authorization an Authorization header
   * @param tlsConfig TLS for {@code https} targets; its files are read at each update
   */
  public record Arguments(
      @Attr("targets") List<Map<String, String>> targets,
      @Attr("forward_to") List<MetricsReceiver> forwardTo,
      @Attr(value = "job_name", optional = true) String jobName,
      @Attr(value = "scrape_interval", optional = true) Duration scrapeInterval,
      @Attr(value = "scrape_timeout", optional = true) Duration scrapeTimeout,
      @Attr(value = "metrics_path", optional = true) String metricsPath,
      @Attr(value = "scheme", optional = true) String scheme,
      @Attr(value = "params", optional = true) Map<String, List<String>> params,
      @Attr(value = "honor_labels", optional = true) boolean honorLabels,
      @Attr(value = "honor_timestamps", optional = true) boolean honorTimestamps,
      @Attr(value = "track_timestamps_staleness", optional = true) boolean trackTimestampsStaleness,
      @Attr(value = "extra_metrics", optional = true) boolean extraMetrics,
      @Attr(value = "scrape_protocols", optional = true) List<String> scrapeProtocols,
      @Attr(value = "scrape_fallback_protocol", optional = true) String scrapeFallbackProtocol,
      @Attr(value = "enable_compression", optional = true) boolean enableCompression,
      @Attr(value = "body_size_limit", optional = true) ByteSize bodySizeLimit,
      @Attr(value = "sample_limit", optional = true) long sampleLimit,
      @Attr(value = "target_limit", optional = true) long targetLimit,
      @Attr(value = "label_limit", optional = true) long labelLimit,
      @Attr(value = "label_name_length_limit", optional = true) long labelNameLengthLimit,
      @Attr(value = "label_value_length_limit", optional = true) long labelValueLengthLimit,
      @Attr(value = "bearer_token", optional = true) Optional<Value.Secret> bearerToken,
      @Attr(value = "bearer_token_file", optional = true) String bearerTokenFile,
      @Block(value = "basic_auth", optional = true) Optional<BasicAuthBlock> basicAuth,
      @Block(value = "authorization", optional = true) Optional<AuthorizationBlock> authorization,
      @Block(value = "tls_config", optional = true) Optional<TlsConfig> tlsConfig)
      implements Validated {

    public Arguments {
      targets = List.copyOf(targets);
      forwardTo = List.copyOf(forwardTo);
      params = Map.copyOf(params);
      scrapeProtocols = List.copyOf(scrapeProtocols);
    }

    /** Alloy's defaults, no targets and no receivers. */
    public static Arguments defaults() {
      return new Arguments(
          List.of(),
          List.of(),
          "",
          Duration.ofMinutes(1),
          Duration.ofSeconds(10),
          "/metrics",
          "http",
          Map.of(),
          false,
          true,
          false,
          false,
          ScrapeProtocol.DEFAULTS.stream().map(ScrapeProtocol::configName).toList(),
          ScrapeProtocol.PROMETHEUS_TEXT_0_0_4.configName(),
          true,
          new ByteSize(0),
          0,
          0,
          0,
          0,
          0,
          Optional.empty(),
          "",
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }

    @Override
    public void validate() {
      if (scrapeInterval.isZero() || scrapeInterval.isNegative()) {
        throw new IllegalArgumentException("scrape_interval must be greater than 0");
      }
      if (scrapeTimeout.compareTo(scrapeInterval) > 0) {
        throw new IllegalArgumentException(
            "scrape_timeout ("
                + GoDuration.format(scrapeTimeout)
                + ") greater than scrape_interval ("
                + GoDuration.format(scrapeInterval)
                + ") for scrape config with job name \""
                + jobName
                + "\"");
      }
      if (scrapeProtocols.isEmpty()) {
        throw new IllegalArgumentException("scrape_protocols cannot be empty");
      }
      if (scrapeProtocols.stream().distinct().count() != scrapeProtocols.size()) {
        throw new IllegalArgumentException("duplicated protocol in scrape_protocols");
      }
      for (String p : scrapeProtocols) {
        if (ScrapeProtocol.byConfigName(p).isEmpty()) {
          throw new IllegalArgumentException("unknown scrape protocol " + p);
        }
      }
      if (!scrapeFallbackProtocol.isEmpty()
          && ScrapeProtocol.byConfigName(scrapeFallbackProtocol).isEmpty()) {
        throw new IllegalArgumentException("unknown scrape protocol " + scrapeFallbackProtocol);
      }
      AuthorizationHeader.requireAtMostOneMethod(
          !bearerToken.map(Value.Secret::value).orElse("").isEmpty(),
          !bearerTokenFile.isEmpty(),
          basicAuth.isPresent(),
          authorization.isPresent());
      tlsConfig.ifPresent(TlsConfig::validate);
    }
  }

  /**
   * The component's debug info: one entry per target.
   *
   * @param targets the targets and their last scrape
   */
  public record DebugInfo(
      @Block(value = "target", optional = true) List<ScrapeLoop.Status> targets) {}

  /** Everything the loops are built from besides their target; a change restarts them. */
  private record LoopSettings(ScrapeLoop.Config config, long targetLimit) {}

  private final Options options;
  private final Scraper scraper;
  private final Object lock = new Object();
  private final Map<String, ScrapeLoop> loops = new LinkedHashMap<>(); // guarded by lock
  private volatile Fanout fanout = new Fanout(List.of());
  private LoopSettings settings; // guarded by lock
  private boolean running; // guarded by lock
  private List<TargetLabels.Target> pending = List.of(); // guarded by lock

  PrometheusScrape(Options options, Arguments arguments) {
    this.options = options;
    this.scraper = new Scraper(options.services());
    update(arguments);
  }

  @Override
  public void run(RunContext context) throws InterruptedException {
    synchronized (lock) {
      running = true;
      sync(pending);
    }
    try {
      context.awaitCancellation();
    } finally {
      synchronized (lock) {
        running = false;
        // Shutdown is not removal: Prometheus writes no stale markers when the process stops.
        for (ScrapeLoop loop : loops.values()) {
          loop.stop(false);
        }
        loops.clear();
      }
      scraper.close();
    }
  }

  @Override
  public void update(Arguments arguments) {
    if (arguments.jobName().isEmpty()) {
      arguments = withJobName(arguments, options.id());
    }
    arguments.validate();
    fanout = new Fanout(arguments.forwardTo());
    Map<String, TargetLabels.Target> unique = new LinkedHashMap<>();
    for (Map<String, String> t : arguments.targets()) {
      TargetLabels.build(t, arguments)
          .ifPresent(target -> unique.putIfAbsent(target.labels() + " " + target.url(), target));
    }
    synchronized (lock) {
      LoopSettings next = new LoopSettings(config(arguments), arguments.targetLimit());
      boolean restart = settings != null && !settings.equals(next);
      settings = next;
      pending = List.copyOf(unique.values());
      if (running) {
        try {
          if (restart) {
            restartAll();
          }
          sync(pending);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static Arguments withJobName(Arguments a, String jobName) {
    return new Arguments(
        a.targets(),
        a.forwardTo(),
        jobName,
        a.scrapeInterval(),
        a.scrapeTimeout(),
        a.metricsPath(),
        a.scheme(),
        a.params(),
        a.honorLabels(),
        a.honorTimestamps(),
        a.trackTimestampsStaleness(),
        a.extraMetrics(),
        a.scrapeProtocols(),
        a.scrapeFallbackProtocol(),
        a.enableCompression(),
        a.bodySizeLimit(),
        a.sampleLimit(),
        a.targetLimit(),
        a.labelLimit(),
        a.labelNameLengthLimit(),
        a.labelValueLengthLimit(),
        a.bearerToken(),
        a.bearerTokenFile(),
        a.basicAuth(),
        a.authorization(),
        a.tlsConfig());
  }

  /** Starts loops for new targets and stops those of removed ones (guarded by lock). */
  private void sync(List<TargetLabels.Target> targets) throws InterruptedException {
    Map<String, TargetLabels.Target> wanted = new LinkedHashMap<>();
    for (TargetLabels.Target t : targets) {
      wanted.put(key(t), t);
    }
    var it = loops.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      if (!wanted.containsKey(e.getKey())) {
        e.getValue().stop(true);
        it.remove();
      }
    }
    // The limit is decided before any new loop starts: a loop started first could scrape once.
    long limit = settings.targetLimit();
    String forced =
        limit > 0 && wanted.size() > limit
            ? "target_limit exceeded (number of targets: "
                + wanted.size()
                + ", limit: "
                + limit
                + ")"
            : null;
    loops.values().forEach(loop -> loop.forceError(forced));
    wanted.forEach(
        (k, t) -> {
          if (!loops.containsKey(k)) {
            ScrapeLoop loop = newLoop(t);
            loop.forceError(forced);
            loops.put(k, loop);
            loop.start();
          }
        });
  }

  private void restartAll() throws InterruptedException {
    for (var e : loops.entrySet()) {
      ScrapeLoop old = e.getValue();
      old.stop(false);
      ScrapeLoop loop = newLoop(old.target());
      loop.forceError(old.forcedError()); // until sync decides again, as the old loop did
      loop.inherit(old);
      e.setValue(loop);
      loop.start();
    }
  }

  private ScrapeLoop newLoop(TargetLabels.Target t) {
    return new ScrapeLoop(
        t, settings.config(), () -> fanout, scraper, options.clock(), options.logger());
  }

  private static String key(TargetLabels.Target t) {
    return t.labels() + " " + t.url() + " " + t.interval() + " " + t.timeout();
  }

  private static ScrapeLoop.Config config(Arguments a) {
    List<ScrapeProtocol> protocols =
        a.scrapeProtocols().stream()
            .map(p -> ScrapeProtocol.byConfigName(p).orElseThrow())
            .toList();
    Optional<ScrapeProtocol> fallback =
        a.scrapeFallbackProtocol().isEmpty()
            ? Optional.empty()
            : ScrapeProtocol.byConfigName(a.scrapeFallbackProtocol());
    return new ScrapeLoop.Config(
        a.honorLabels(),
        a.honorTimestamps(),
        a.trackTimestampsStaleness(),
        a.sampleLimit(),
        a.labelLimit(),
        a.labelNameLengthLimit(),
        a.labelValueLengthLimit(),
        a.extraMetrics(),
        fallback,
        new Scraper.Settings(
            ScrapeProtocol.acceptHeader(protocols, "underscores"),
            a.enableCompression(),
            a.bodySizeLimit().bytes(),
            authorization(a),
            a.tlsConfig().map(ClientTls::load)));
  }

  /** The Authorization header the options give; files are read at each scrape, as Alloy does. */
  private static Optional<AuthorizationHeader> authorization(Arguments a) {
    return AuthorizationHeader.fromOptions(
        a.bearerToken().map(Value.Secret::value).orElse(""),
        a.bearerTokenFile(),
        a.basicAuth(),
        a.authorization());
  }

  @Override
  public Record debugInfo() {
    List<ScrapeLoop.Status> out = new ArrayList<>();
    synchronized (lock) {
      loops.values().forEach(l -> out.add(l.status()));
    }
    return new DebugInfo(out);
  }
}
