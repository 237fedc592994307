package dev.jalloy.component.loki.source.journal;

import dev.jalloy.component.Cancellation;
import dev.jalloy.component.Options;
import dev.jalloy.component.Services;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link LokiSourceJournal} on a data directory the test owns, so that a second rig on the
 * same directory is a restart (the harness deletes its directory on close).
 */
final class JournalRig implements AutoCloseable {
  static final String ID = "loki.source.journal.test";

  final LokiSourceJournal component;
  final PrometheusRegistry registry = new PrometheusRegistry();
  private final Cancellation cancellation = new Cancellation();
  private final Thread thread;
  private volatile Throwable failure;

  JournalRig(Path dataPath, LokiSourceJournal.Arguments args, int maxBatch) throws IOException {
    Logger logger = LoggerFactory.getLogger(ID);
    component = new LokiSourceJournal(new RigOptions(dataPath, logger), args);
    component.maxBatchForTest(maxBatch);
    thread =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    component.run(cancellation);
                  } catch (Throwable t) {
                    failure = t;
                  }
                });
  }

  JournalRig(Path dataPath, LokiSourceJournal.Arguments args) throws IOException {
    this(dataPath, args, LokiSourceJournal.MAX_BATCH);
  }

  /** Stops like a kill: no final positions write. */
  void crash() {
    component.skipFinalSyncForTest();
    close();
  }

  @Override
  public void close() {
    cancellation.cancel();
    thread.interrupt();
    try {
      if (!thread.join(Duration.ofSeconds(10))) {
        throw new AssertionError("run did not return");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    if (failure != null) {
      throw new AssertionError("run failed", failure);
    }
  }

  /** The value of a sample in the exposition, or 0 when absent. */
  double metric(String series) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }

  private final class RigOptions implements Options {
    private final Path dataPath;
    private final Logger logger;

    RigOptions(Path dataPath, Logger logger) {
      this.dataPath = dataPath;
      this.logger = logger;
    }

    @Override
    public String id() {
      return ID;
    }

    @Override
    public Logger logger() {
      return logger;
    }

    @Override
    public Path dataPath() {
      return dataPath;
    }

    @Override
    public PrometheusRegistry registry() {
      return registry;
    }

    @Override
    public void onStateChange(Record exports) {
      throw new AssertionError("loki.source.journal has no exports");
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public Services services() {
      throw new UnsupportedOperationException();
    }
  }
}
