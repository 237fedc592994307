package dev.jalloy.service;

import dev.jalloy.component.LiveDebugging;
import dev.jalloy.runtime.ServiceBlock;
import dev.jalloy.syntax.decode.Attr;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live debugging ({@code internal/service/livedebugging}): components publish human-readable
 * samples of their data, and the UI's {@code /api/v0/web/debug/<id>} streams show them.
 *
 * <p>Publishing is on the data path, so it is cheap when nobody watches: one volatile read and a
 * map lookup, and the message is built only when a stream for the component is open. Each stream
 * has a bounded buffer of {@value #BUFFER} messages; a publisher never waits for a slow reader,
 * extra messages are dropped and counted.
 */
public final class LiveDebuggingService implements LiveDebugging {
  /** The {@code livedebugging} block. */
  public record Arguments(@Attr(value = "enabled", optional = true) boolean enabled) {
    /** Alloy's default is off, even when the block is present. */
    public static Arguments defaults() {
      return new Arguments(false);
    }
  }

  static final int BUFFER = 1000;
  static final String DISABLED_MESSAGE =
      "the live debugging service is disabled. Check the documentation to find out how to enable"
          + " it";

  private static final Logger logger = LoggerFactory.getLogger(LiveDebuggingService.class);

  private volatile boolean enabled;
  private final Map<String, List<Stream>> streams = new ConcurrentHashMap<>();
  private final Counter dropped;

  /**
   * A live-debugging service.
   *
   * @param registry where {@code jalloy_livedebugging_dropped_messages_total} is registered
   */
  public LiveDebuggingService(PrometheusRegistry registry) {
    dropped =
        Counter.builder()
            .name("jalloy_livedebugging_dropped_messages_total")
            .help("Live debugging messages dropped because a stream's reader fell behind.")
            .labelNames("component_id")
            .register(registry);
  }

  /** The {@code livedebugging} block, for the controller to decode and apply on every load. */
  public ServiceBlock<Arguments> serviceBlock() {
    return new ServiceBlock<>(
        "livedebugging", Arguments.class, Arguments.defaults(), a -> enabled = a.enabled());
  }

  /** Whether the {@code livedebugging} block enables the service. */
  public boolean enabled() {
    return enabled;
  }

  @Override
  public boolean active(String componentId) {
    if (!enabled) {
      return false;
    }
    List<Stream> list = streams.get(componentId);
    return list != null && !list.isEmpty();
  }

  @Override
  public void publish(String componentId, Supplier<String> message) {
    if (!enabled) {
      return;
    }
    List<Stream> list = streams.get(componentId);
    if (list == null || list.isEmpty()) {
      return;
    }
    String built = null;
    for (Stream s : list) {
      if (!s.sampled()) {
        continue;
      }
      if (built == null) {
        built = message.get();
      }
      s.offer(built);
    }
  }

  /**
   * Opens a stream for a component.
   *
   * @throws IllegalStateException with the message the HTTP response shows, when the service is
   *     disabled
   */
  Stream open(String componentId, double sampleProbability) {
    if (!enabled) {
      throw new IllegalStateException(DISABLED_MESSAGE);
    }
    Stream s = new Stream(componentId, sampleProbability);
    // compute, not computeIfAbsent + add: close() may be removing the last stream's list.
    streams.compute(
        componentId,
        (k, list) -> {
          List<Stream> l = list == null ? new CopyOnWriteArrayList<>() : list;
          l.add(s);
          return l;
        });
    return s;
  }

  /** One reader's stream: a bounded buffer the HTTP handler drains. */
  final class Stream implements AutoCloseable {
    private final String componentId;
    private final double sampleProbability;
    private final ArrayBlockingQueue<String> buffer = new ArrayBlockingQueue<>(BUFFER);
    private final AtomicLong droppedHere = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();

    private Stream(String componentId, double sampleProbability) {
      this.componentId = componentId;
      this.sampleProbability = sampleProbability;
    }

    boolean sampled() {
      return sampleProbability >= 1
          || (sampleProbability > 0
              && ThreadLocalRandom.current().nextDouble() < sampleProbability);
    }

    void offer(String message) {
      if (!buffer.offer(message)) {
        droppedHere.incrementAndGet();
        dropped.labelValues(componentId).inc();
        if (warned.compareAndSet(false, true)) {
          logger.warn(
              "data throughput is very high, not all debugging data can be sent to the live"
                  + " debugging stream component_id={}",
              componentId);
        }
      }
    }

    /** The next message, waiting up to {@code timeout}; empty when none arrived. */
    Optional<String> poll(Duration timeout) throws InterruptedException {
      return Optional.ofNullable(buffer.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** The next message if one is buffered. */
    Optional<String> poll() {
      return Optional.ofNullable(buffer.poll());
    }

    /** Messages this stream dropped because its buffer was full. */
    long dropped() {
      return droppedHere.get();
    }

    @Override
    public void close() {
      streams.computeIfPresent(
          componentId,
          (k, list) -> {
            list.remove(this);
            return list.isEmpty() ? null : list;
          });
    }
  }
}
