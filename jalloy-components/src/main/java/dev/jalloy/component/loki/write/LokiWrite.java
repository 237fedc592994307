package dev.jalloy.component.loki.write;

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
import dev.jalloy.component.common.wal.Position;
import dev.jalloy.component.common.wal.PositionFile;
import dev.jalloy.component.common.wal.Wal;
import dev.jalloy.component.common.wal.WalOptions;
import dev.jalloy.component.loki.write.wire.LokiPushClient;
import dev.jalloy.model.LogsReceiver;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import dev.jalloy.syntax.decode.Validated;
import dev.jalloy.syntax.go.ByteSize;
import dev.jalloy.syntax.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * {@code loki.write}: sends log entries to Loki with the push API (spec 5.22, 7.2).
 *
 * <pre>
 * loki.write "default" {
 *   endpoint {
 *     url = "http://loki:3100/loki/api/v1/push"
 *   }
 * }
 * </pre>
 *
 * <p>Durable delivery is always on (Alloy's {@code wal} block is experimental and off by default;
 * here it cannot be turned off): the exported {@code receiver} appends every batch to an on-disk
 * queue in {@code <data path>/wal} and returns once it is fsynced, which is when a source may
 * commit its position. Each endpoint's {@link EndpointSender} reads the queue from its own
 * acknowledged position ({@code <data path>/positions/<endpoint name>}), so entries survive a
 * backend outage and a {@code kill -9}: after a restart everything not acknowledged is sent again.
 *
 * <p>Retries follow Alloy: 5xx, 429 (with {@code retry_on_http_429}) and connection errors are
 * retried with backoff up to {@code max_backoff_retries} attempts, then the batch is dropped and
 * counted ({@code loki_write_dropped_entries_total{reason="ingester_error"}}). With Alloy's
 * defaults that is about 8.5 minutes of outage; set {@code max_backoff_retries = 0} to retry
 * forever and let the queue (and then backpressure) carry longer outages.
 *
 * <p>The queue is bounded by {@code wal { max_disk_size }} (a jalloy extension, default {@code
 * 1GiB}); when full, {@code receive} blocks (backpressure to the sources) instead of dropping.
 * Alloy's {@code wal} attributes ({@code enabled}, {@code max_segment_age}, {@code
 * min_read_frequency}, {@code max_read_frequency}, {@code drain_timeout}) and {@code queue_config}
 * are accepted and have no effect.
 *
 * <p>Not done yet: {@code oauth2}, proxy options, {@code enable_http2} (pushes are HTTP/1.1),
 * {@code loki_write_request_size_bytes} and {@code loki_write_entry_propagation_latency_seconds}, a
 * draining stop ({@code drain_timeout}): on stop, what is unsent stays queued for the next start.
 */
public final class LokiWrite implements Component<LokiWrite.Arguments> {
  /** How {@code loki.write} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.of(
          "loki.write",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          Exports.class,
          LokiWrite::new);

  /** The queue's default disk budget. */
  static final long DEFAULT_MAX_DISK_SIZE = 1L << 30;

  /**
   * The arguments.
   *
   * @param endpoints where to send; every entry goes to every endpoint
   * @param externalLabels added to every entry that lacks the label
   * @param maxStreams streams per batch, 0 for no limit; entries of further streams are dropped
   *     ({@code reason="stream_limited"})
   * @param wal the on-disk queue
   */
  public record Arguments(
      @Block(value = "endpoint", optional = true) List<Endpoint> endpoints,
      @Attr(value = "external_labels", optional = true) Map<String, String> externalLabels,
      @Attr(value = "max_streams", optional = true) int maxStreams,
      @Block(value = "wal", optional = true) WalArguments wal)
      implements Validated {
    /** Copies the collections. */
    public Arguments {
      endpoints = List.copyOf(endpoints);
      externalLabels = Map.copyOf(externalLabels);
    }

    /** No endpoints, no external labels, no stream limit, the default queue. */
    public static Arguments defaults() {
      return new Arguments(List.of(), Map.of(), 0, WalArguments.defaults());
    }

    @Override
    public void validate() {
      Set<String> names = new HashSet<>();
      for (Endpoint e : endpoints) {
        e.validate();
        if (!names.add(e.endpointName())) {
          throw new IllegalArgumentException(
              "duplicate endpoint name " + e.endpointName() + ": give each endpoint its own name");
        }
      }
      if (maxStreams < 0) {
        throw new IllegalArgumentException("max_streams must be >= 0");
      }
      wal.validate();
    }
  }

  /**
   * One {@code endpoint} block, with Alloy's defaults.
   *
   * @param name the endpoint's name in logs and its position file; a hash of the settings when
   *     empty
   * @param bearerTokenFile a file whose trimmed content is sent as {@code Authorization: Bearer},
   *     read for every push (a rotated token needs no reload; an unreadable file makes the push
   *     fail and retry)
   * @param tlsConfig TLS for an {@code https} URL; its files are read when the client is built, at
   *     each update
   */
  public record Endpoint(
      @Attr("url") String url,
      @Attr(value = "name", optional = true) String name,
      @Attr(value = "headers", optional = true) Map<String, String> headers,
      @Attr(value = "batch_wait", optional = true) Duration batchWait,
      @Attr(value = "batch_size", optional = true) ByteSize batchSize,
      @Attr(value = "remote_timeout", optional = true) Duration remoteTimeout,
      @Attr(value = "tenant_id", optional = true) String tenantId,
      @Attr(value = "min_backoff_period", optional = true) Duration minBackoffPeriod,
      @Attr(value = "max_backoff_period", optional = true) Duration maxBackoffPeriod,
      @Attr(value = "max_backoff_retries", optional = true) int maxBackoffRetries,
      @Attr(value = "retry_on_http_429", optional = true) boolean retryOnHttp429,
      @Attr(value = "bearer_token", optional = true) Value.Secret bearerToken,
      @Attr(value = "bearer_token_file", optional = true) String bearerTokenFile,
      @Block(value = "basic_auth", optional = true) Optional<BasicAuthBlock> basicAuth,
      @Block(value = "authorization", optional = true) Optional<AuthorizationBlock> authorization,
      @Block(value = "tls_config", optional = true) Optional<TlsConfig> tlsConfig,
      @Block(value = "queue_config", optional = true) QueueConfig queueConfig)
      implements Validated {
    /** Copies the headers. */
    public Endpoint {
      headers = Map.copyOf(headers);
    }

    /** Alloy's defaults, with no URL. */
    public static Endpoint defaults() {
      return new Endpoint(
          "",
          "",
          Map.of(),
          Duration.ofSeconds(1),
          new ByteSize(1L << 20),
          Duration.ofSeconds(10),
          "",
          Duration.ofMillis(500),
          Duration.ofMinutes(5),
          10,
          true,
          Value.secret(""),
          "",
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          QueueConfig.defaults());
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
      if (batchWait.isNegative() || batchWait.isZero()) {
        throw new IllegalArgumentException("batch_wait must be greater than 0");
      }
      if (batchSize.bytes() <= 0) {
        throw new IllegalArgumentException("batch_size must be greater than 0");
      }
      if (remoteTimeout.isNegative() || remoteTimeout.isZero()) {
        throw new IllegalArgumentException("remote_timeout must be greater than 0");
      }
      if (minBackoffPeriod.isNegative() || maxBackoffPeriod.compareTo(minBackoffPeriod) < 0) {
        throw new IllegalArgumentException("max_backoff_period must be >= min_backoff_period >= 0");
      }
      if (maxBackoffRetries < 0) {
        throw new IllegalArgumentException("max_backoff_retries must be >= 0");
      }
      AuthorizationHeader.requireAtMostOneMethod(
          !bearerToken.value().isEmpty(),
          !bearerTokenFile.isEmpty(),
          basicAuth.isPresent(),
          authorization.isPresent());
      tlsConfig.ifPresent(TlsConfig::validate);
    }

    /** {@code name}, or the first 6 hex digits of a hash of the URL and tenant. */
    String endpointName() {
      if (!name.isEmpty()) {
        return name;
      }
      try {
        byte[] h =
            MessageDigest.getInstance("SHA-256")
                .digest((url + "\n" + tenantId).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h).substring(0, 6);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    LokiPushClient client() {
      LokiPushClient.Builder b =
          LokiPushClient.builder(URI.create(url))
              .timeout(remoteTimeout)
              .retryOnHttp429(retryOnHttp429);
      headers.forEach(b::header);
      AuthorizationHeader.fromOptions(
              bearerToken.value(), bearerTokenFile, basicAuth, authorization)
          .ifPresent(b::authorization);
      tlsConfig.map(ClientTls::load).ifPresent(tls -> b.tls(tls.sslContext(), tls.sslParameters()));
      return b.build();
    }
  }

  /** Alloy's experimental {@code queue_config}: accepted; the on-disk queue replaces it. */
  public record QueueConfig(
      @Attr(value = "capacity", optional = true) ByteSize capacity,
      @Attr(value = "min_shards", optional = true) int minShards,
      @Attr(value = "drain_timeout", optional = true) Duration drainTimeout,
      @Attr(value = "block_on_overflow", optional = true) boolean blockOnOverflow) {
    /** Alloy's defaults. */
    public static QueueConfig defaults() {
      return new QueueConfig(new ByteSize(10L << 20), 1, Duration.ofSeconds(15), true);
    }
  }

  /**
   * The {@code wal} block: Alloy's experimental attributes (accepted, no effect: the queue is
   * always on) and jalloy's {@code max_disk_size}, the queue's disk budget (bytes of its segments;
   * producers block above it; {@code 0} = unbounded).
   */
  public record WalArguments(
      @Attr(value = "enabled", optional = true) boolean enabled,
      @Attr(value = "max_segment_age", optional = true) Duration maxSegmentAge,
      @Attr(value = "min_read_frequency", optional = true) Duration minReadFrequency,
      @Attr(value = "max_read_frequency", optional = true) Duration maxReadFrequency,
      @Attr(value = "drain_timeout", optional = true) Duration drainTimeout,
      @Attr(value = "max_disk_size", optional = true) ByteSize maxDiskSize)
      implements Validated {
    /** Alloy's defaults and a 1 GiB budget. */
    public static WalArguments defaults() {
      return new WalArguments(
          false,
          Duration.ofHours(1),
          Duration.ofMillis(250),
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          new ByteSize(DEFAULT_MAX_DISK_SIZE));
    }

    @Override
    public void validate() {
      if (minReadFrequency.compareTo(maxReadFrequency) >= 0) {
        throw new IllegalArgumentException(
            "min_read_frequency must be less than max_read_frequency");
      }
      if (maxDiskSize.bytes() < 0) {
        throw new IllegalArgumentException("max_disk_size must be >= 0");
      }
    }

    /** Segments small enough that truncation can bring the queue back under the budget. */
    long segmentSize() {
      long max = maxDiskSize.bytes();
      if (max <= 0) {
        return 64L << 20;
      }
      return Math.clamp(max / 8, 64 * 1024, 64L << 20);
    }
  }

  /**
   * The exports.
   *
   * @param receiver where sources send entries; the same instance for the component's life
   */
  public record Exports(@Attr("receiver") LogsReceiver receiver) {}

  private final Options options;
  private final Wal wal;
  private final LokiWriteMetrics metrics;
  private final QueueReceiver receiver;
  private final Object lock = new Object();
  private Arguments arguments; // guarded by lock
  private List<EndpointSender> senders = List.of(); // guarded by lock
  private boolean running; // guarded by lock

  LokiWrite(Options options, Arguments arguments) {
    arguments.validate();
    this.options = options;
    this.metrics = new LokiWriteMetrics(options.registry());
    try {
      // Every append is fsynced (group commit): receive() returning is the durability promise.
      this.wal =
          Wal.open(
              options.dataPath().resolve("wal"),
              WalOptions.defaults().withSegmentSize(arguments.wal().segmentSize()),
              options.registry());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the queue in " + options.dataPath(), e);
    }
    this.receiver =
        new QueueReceiver(wal, arguments.wal().maxDiskSize().bytes(), this::truncate, metrics);
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
      while (!context.awaitCancellation(Duration.ofSeconds(5))) {
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
        options.logger().warn("closing the queue failed err={}", e.toString());
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
      if (!next.wal().equals(arguments.wal())) {
        options.logger().warn("loki.write wal block changes take effect after a restart of jalloy");
      }
      arguments = next;
      if (running) {
        // Safe: each sender resumes from its acknowledged position.
        stopAll(senders);
        senders = startSenders(next);
      }
    }
  }

  /** Deletes the queue segments every endpoint has acknowledged, and wakes blocked producers. */
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
    metrics.queueBytes.set(wal.diskSize());
    receiver.roomMaybe();
  }

  private List<EndpointSender> startSenders(Arguments args) {
    List<EndpointSender> out = new ArrayList<>();
    for (Endpoint e : args.endpoints()) {
      String name = e.endpointName().replaceAll("[^A-Za-z0-9_.-]", "_");
      EndpointSender s =
          new EndpointSender(
              e,
              args.externalLabels(),
              args.maxStreams(),
              wal,
              new PositionFile(options.dataPath().resolve("positions").resolve(name)),
              metrics,
              receiver::roomMaybe,
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
