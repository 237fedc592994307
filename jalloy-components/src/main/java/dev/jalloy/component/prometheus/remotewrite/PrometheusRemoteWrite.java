package dev.jalloy.component.prometheus.remotewrite;

import dev.jalloy.component.Component;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.component.common.http.AuthorizationBlock;
import dev.jalloy.component.common.http.AuthorizationHeader;
import dev.jalloy.component.common.http.BasicAuthBlock;
import dev.jalloy.component.common.http.ClientTls;
import dev.jalloy.component.common.http.TlsConfig;
import dev.jalloy.component.common.relabel.Rule;
import dev.jalloy.component.common.wal.Position;
import dev.jalloy.component.common.wal.PositionFile;
import dev.jalloy.component.common.wal.SyncPolicy;
import dev.jalloy.component.common.wal.Wal;
import dev.jalloy.component.common.wal.WalOptions;
import dev.jalloy.component.prometheus.remotewrite.wire.RemoteWriteClient;
import dev.jalloy.model.MetricsReceiver;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import dev.jalloy.syntax.decode.Validated;
import dev.jalloy.syntax.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code prometheus.remote_write}: appends every committed transaction to a WAL in {@code <data
 * path>/wal}, and ships it to each {@code endpoint} with remote write 1.0.
 *
 * <pre>
 * prometheus.remote_write "default" {
 *   external_labels = { cluster = "prod" }
 *   endpoint {
 *     url = "http://mimir:9009/api/v1/push"
 *   }
 * }
 * </pre>
 *
 * <p>Follows Alloy's {@code internal/component/prometheus/remotewrite} and Prometheus' {@code
 * storage/remote/queue_manager.go} in names, defaults and metrics. Durability: a producer's {@code
 * commit()} returns only after its samples are written to the WAL (fsynced every {@link
 * #WAL_SYNC_INTERVAL}), so a source may commit its own position then. Each endpoint has an {@link
 * EndpointSender} with its own acknowledged WAL position (a {@link PositionFile} per endpoint name
 * in {@code <data path>/positions}); WAL segments before the lowest acknowledged position are
 * deleted every {@code truncate_frequency}.
 *
 * <p>Each endpoint sends through {@code min_shards} to {@code max_shards} parallel shards,
 * resharded by load ({@link EndpointSender}).
 *
 * <p>Not done yet: the time-based {@code min_keepalive_time} / {@code max_keepalive_time}
 * (truncation is by acknowledged position only), native histograms, periodic metadata from a cache
 * (metadata travels through the WAL with the samples), OAuth2 / SigV4 / Azure / Google auth, remote
 * write 2.0.
 */
public final class PrometheusRemoteWrite implements Component<PrometheusRemoteWrite.Arguments> {
  /** How {@code prometheus.remote_write} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.of(
          "prometheus.remote_write",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          Exports.class,
          PrometheusRemoteWrite::new);

  /**
   * The arguments.
   *
   * @param externalLabels added to every series that does not have the label already
   * @param endpoints where to send; none means the WAL only
   * @param wal WAL maintenance
   */
  public record Arguments(
      @Attr(value = "external_labels", optional = true) Map<String, String> externalLabels,
      @Block(value = "endpoint", optional = true) List<Endpoint> endpoints,
      @Block(value = "wal", optional = true) WalArguments wal)
      implements Validated {
    public Arguments {
      externalLabels = Map.copyOf(externalLabels);
      endpoints = List.copyOf(endpoints);
    }

    public static Arguments defaults() {
      return new Arguments(Map.of(), List.of(), WalArguments.defaults());
    }

    @Override
    public void validate() {
      Set<String> names = new HashSet<>();
      for (Endpoint e : endpoints) {
        e.validate();
        if (!names.add(e.remoteName())) {
          throw new IllegalArgumentException(
              "duplicate remote write configs are not allowed, found duplicate for URL: "
                  + e.url());
        }
      }
      wal.validate();
    }
  }

  /**
   * One {@code endpoint} block.
   *
   * @param name used in metric labels ({@code remote_name}) and for the position file; a hash of
   *     the URL when empty
   * @param tlsConfig TLS for an {@code https} URL; its files are read when the client is built, at
   *     each update
   */
  public record Endpoint(
      @Attr("url") String url,
      @Attr(value = "name", optional = true) String name,
      @Attr(value = "remote_timeout", optional = true) Duration remoteTimeout,
      @Attr(value = "headers", optional = true) Map<String, String> headers,
      @Attr(value = "send_exemplars", optional = true) boolean sendExemplars,
      @Attr(value = "send_native_histograms", optional = true) boolean sendNativeHistograms,
      @Attr(value = "bearer_token", optional = true) Value.Secret bearerToken,
      @Attr(value = "bearer_token_file", optional = true) String bearerTokenFile,
      @Block(value = "basic_auth", optional = true) Optional<BasicAuthBlock> basicAuth,
      @Block(value = "authorization", optional = true) Optional<AuthorizationBlock> authorization,
      @Block(value = "write_relabel_config", optional = true) List<Rule> writeRelabelConfigs,
      @Block(value = "queue_config", optional = true) QueueConfig queueConfig,
      @Block(value = "metadata_config", optional = true) MetadataConfig metadataConfig,
      @Block(value = "tls_config", optional = true) Optional<TlsConfig> tlsConfig)
      implements Validated {
    public Endpoint {
      headers = Map.copyOf(headers);
      writeRelabelConfigs = List.copyOf(writeRelabelConfigs);
    }

    public static Endpoint defaults() {
      return new Endpoint(
          "",
          "",
          Duration.ofSeconds(30),
          Map.of(),
          true,
          false,
          Value.secret(""),
          "",
          Optional.empty(),
          Optional.empty(),
          List.of(),
          QueueConfig.defaults(),
          MetadataConfig.defaults(),
          Optional.empty());
    }

    /** The endpoint {@code url} with everything else defaulted. */
    public static Endpoint of(String url) {
      Endpoint d = defaults();
      return new Endpoint(
          url,
          d.name,
          d.remoteTimeout,
          d.headers,
          d.sendExemplars,
          d.sendNativeHistograms,
          d.bearerToken,
          d.bearerTokenFile,
          d.basicAuth,
          d.authorization,
          d.writeRelabelConfigs,
          d.queueConfig,
          d.metadataConfig,
          d.tlsConfig);
    }

    @Override
    public void validate() {
      URI u;
      try {
        u = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid endpoint url " + url + ": " + e.getMessage());
      }
      if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
        throw new IllegalArgumentException("endpoint url must be http(s)://host...: " + url);
      }
      if (remoteTimeout.isNegative() || remoteTimeout.isZero()) {
        throw new IllegalArgumentException("remote_timeout must be greater than 0");
      }
      AuthorizationHeader.requireAtMostOneMethod(
          !bearerToken.value().isEmpty(),
          !bearerTokenFile.isEmpty(),
          basicAuth.isPresent(),
          authorization.isPresent());
      writeRelabelConfigs.forEach(Rule::validate);
      queueConfig.validate();
      tlsConfig.ifPresent(TlsConfig::validate);
    }

    /** The {@code remote_name} label: {@code name}, or the first 6 hex digits of the URL's hash. */
    String remoteName() {
      if (!name.isEmpty()) {
        return name;
      }
      try {
        byte[] h =
            MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h).substring(0, 6);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    RemoteWriteClient client() {
      RemoteWriteClient.Builder b =
          RemoteWriteClient.builder(URI.create(url))
              .timeout(remoteTimeout)
              .retryOnHttp429(queueConfig.retryOnHttp429());
      headers.forEach(b::header);
      AuthorizationHeader.fromOptions(
              bearerToken.value(), bearerTokenFile, basicAuth, authorization)
          .ifPresent(b::authorization);
      tlsConfig.map(ClientTls::load).ifPresent(tls -> b.tls(tls.sslContext(), tls.sslParameters()));
      return b.build();
    }
  }

  /** {@code queue_config}, with Alloy's defaults. */
  public record QueueConfig(
      @Attr(value = "capacity", optional = true) int capacity,
      @Attr(value = "max_shards", optional = true) int maxShards,
      @Attr(value = "min_shards", optional = true) int minShards,
      @Attr(value = "max_samples_per_send", optional = true) int maxSamplesPerSend,
      @Attr(value = "batch_send_deadline", optional = true) Duration batchSendDeadline,
      @Attr(value = "min_backoff", optional = true) Duration minBackoff,
      @Attr(value = "max_backoff", optional = true) Duration maxBackoff,
      @Attr(value = "retry_on_http_429", optional = true) boolean retryOnHttp429,
      @Attr(value = "sample_age_limit", optional = true) Duration sampleAgeLimit)
      implements Validated {
    public static QueueConfig defaults() {
      return new QueueConfig(
          10_000,
          50,
          1,
          2000,
          Duration.ofSeconds(5),
          Duration.ofMillis(30),
          Duration.ofSeconds(5),
          true,
          Duration.ZERO);
    }

    @Override
    public void validate() {
      if (maxSamplesPerSend <= 0) {
        throw new IllegalArgumentException("max_samples_per_send must be greater than 0");
      }
      if (minShards <= 0 || maxShards < minShards) {
        throw new IllegalArgumentException("min_shards must be > 0 and <= max_shards");
      }
      if (batchSendDeadline.isNegative() || batchSendDeadline.isZero()) {
        throw new IllegalArgumentException("batch_send_deadline must be greater than 0");
      }
      if (minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
        throw new IllegalArgumentException("max_backoff must be >= min_backoff >= 0");
      }
    }
  }

  /** {@code metadata_config}. */
  public record MetadataConfig(
      @Attr(value = "send", optional = true) boolean send,
      @Attr(value = "send_interval", optional = true) Duration sendInterval,
      @Attr(value = "max_samples_per_send", optional = true) int maxSamplesPerSend) {
    public static MetadataConfig defaults() {
      return new MetadataConfig(true, Duration.ofMinutes(1), 2000);
    }
  }

  /** {@code wal}. */
  public record WalArguments(
      @Attr(value = "truncate_frequency", optional = true) Duration truncateFrequency,
      @Attr(value = "min_keepalive_time", optional = true) Duration minKeepaliveTime,
      @Attr(value = "max_keepalive_time", optional = true) Duration maxKeepaliveTime)
      implements Validated {
    public static WalArguments defaults() {
      return new WalArguments(Duration.ofHours(2), Duration.ofMinutes(5), Duration.ofHours(8));
    }

    @Override
    public void validate() {
      if (truncateFrequency.isNegative() || truncateFrequency.isZero()) {
        throw new IllegalArgumentException("truncate_frequency must not be 0");
      }
      if (maxKeepaliveTime.compareTo(minKeepaliveTime) <= 0) {
        throw new IllegalArgumentException(
            "min_keepalive_time must be smaller than max_keepalive_time");
      }
    }
  }

  /**
   * The exports.
   *
   * @param receiver where to send samples; the same instance for the component's life
   */
  public record Exports(@Attr("receiver") MetricsReceiver receiver) {}

  /**
   * How often the WAL is fsynced. A commit returns once its record is written (in the page cache),
   * which a crash or {@code kill -9} of jalloy cannot lose; only a power failure or kernel crash
   * can take the last second with it. An fsync per scrape cost more CPU than the rest of the
   * commit. Prometheus' own WAL does not fsync per append either.
   */
  static final Duration WAL_SYNC_INTERVAL = Duration.ofSeconds(1);

  private final Options options;
  private final Wal wal;
  private final RemoteWriteMetrics metrics;
  private final WalReceiver receiver;
  private final Object lock = new Object();
  private Arguments arguments; // guarded by lock
  private List<EndpointSender> senders = List.of(); // guarded by lock
  private boolean running; // guarded by lock

  PrometheusRemoteWrite(Options options, Arguments arguments) {
    arguments.validate();
    this.options = options;
    this.metrics = new RemoteWriteMetrics(options.registry());
    try {
      this.wal =
          Wal.open(
              options.dataPath().resolve("wal"),
              WalOptions.defaults().withSyncPolicy(SyncPolicy.interval(WAL_SYNC_INTERVAL)),
              options.registry());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the WAL in " + options.dataPath(), e);
    }
    this.receiver = new WalReceiver(options.id(), wal, metrics);
    this.arguments = arguments;
    options.onStateChange(new Exports(receiver));
  }

  @Override
  public void run(RunContext context) throws InterruptedException {
    synchronized (lock) {
      running = true;
      senders = startSenders(arguments);
    }
    try {
      while (!context.awaitCancellation(truncateFrequency())) {
        truncate();
      }
    } finally {
      synchronized (lock) {
        running = false;
        stopAll(senders);
        senders = List.of();
      }
      receiver.close();
      try {
        wal.close();
      } catch (IOException e) {
        options.logger().warn("closing the WAL failed err={}", e.toString());
      }
    }
  }

  @Override
  public void update(Arguments next) throws InterruptedException {
    next.validate();
    synchronized (lock) {
      if (next.equals(arguments)) {
        return;
      }
      arguments = next;
      if (running) {
        // Restarting the senders is safe: each resumes from its acknowledged position.
        stopAll(senders);
        senders = startSenders(next);
      }
    }
  }

  private Duration truncateFrequency() {
    synchronized (lock) {
      return arguments.wal().truncateFrequency();
    }
  }

  /** Deletes the WAL segments every endpoint is done with. */
  void truncate() {
    Position min;
    synchronized (lock) {
      min = senders.isEmpty() ? wal.visibleEnd() : null;
      for (EndpointSender s : senders) {
        Position p = s.acknowledged();
        min = min == null || p.compareTo(min) < 0 ? p : min;
      }
    }
    wal.truncateBefore(min);
  }

  private List<EndpointSender> startSenders(Arguments args) {
    List<EndpointSender> out = new ArrayList<>();
    for (Endpoint e : args.endpoints()) {
      String name = e.remoteName();
      Path positions =
          options.dataPath().resolve("positions").resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_"));
      EndpointSender s =
          new EndpointSender(
              name,
              e,
              args.externalLabels(),
              wal,
              new PositionFile(positions),
              metrics.queue(name, e.url()),
              options.logger());
      s.start();
      out.add(s);
    }
    return List.copyOf(out);
  }

  /** Stops senders even when the calling thread was interrupted to cancel {@code run}. */
  private static void stopAll(List<EndpointSender> senders) {
    boolean interrupted = Thread.interrupted();
    try {
      for (EndpointSender s : senders) {
        s.stop(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
