package dev.jalloy.component.loki.source.file;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.slf4j.Logger;

/**
 * Reads a compressed file once, to its end, as Alloy's {@code decompresser.go} does: the last line
 * is emitted even without a terminator, and the file is not followed afterwards. The stored
 * position counts lines already delivered (a compressed stream has no useful byte offset to seek
 * to), so a restart skips them.
 */
final class DecompressedReader implements Runnable {
  /** The {@code decompression} block's formats. */
  enum Format {
    GZ,
    Z,
    BZ2;

    static Format parse(String s) {
      return switch (s) {
        case "gz" -> GZ;
        case "z" -> Z;
        case "bz2" -> BZ2;
        default ->
            throw new IllegalArgumentException(
                "decompression format must be one of gz, z, bz2; got \"" + s + "\"");
      };
    }

    InputStream wrap(InputStream in) throws IOException {
      return switch (this) {
        case GZ -> new GZIPInputStream(in, 64 * 1024); // reads concatenated members too
        case Z -> new InflaterInputStream(in);
        case BZ2 -> new BZip2CompressorInputStream(in, true);
      };
    }
  }

  private final Path path;
  private final String labelsKey;
  private final Format format;
  private final Duration initialDelay;
  private final BatchForwarder forwarder;
  private final Positions positions;
  private final TailerSettings settings;
  private final SourceFileMetrics metrics;
  private final Logger logger;
  private volatile boolean running;
  private volatile long linesDone;

  DecompressedReader(
      Path path,
      String labelsKey,
      Format format,
      Duration initialDelay,
      BatchForwarder forwarder,
      Positions positions,
      TailerSettings settings,
      SourceFileMetrics metrics,
      Logger logger) {
    this.path = path;
    this.labelsKey = labelsKey;
    this.format = format;
    this.initialDelay = initialDelay;
    this.forwarder = forwarder;
    this.positions = positions;
    this.settings = settings;
    this.metrics = metrics;
    this.logger = logger;
  }

  boolean running() {
    return running;
  }

  /** Lines delivered so far, the stored position. */
  long linesDone() {
    return linesDone;
  }

  @Override
  public void run() {
    running = true;
    metrics.filesActive.inc();
    try {
      if (!initialDelay.isZero()) {
        Thread.sleep(initialDelay);
      }
      long skip = storedLines();
      linesDone = skip;
      readAll(skip);
    } catch (InterruptedException e) {
      // stopping
    } catch (IOException | RuntimeException e) {
      metrics.readErrors.labelValues("decompress").inc();
      logger
          .atWarn()
          .addKeyValue("path", path.toString())
          .addKeyValue("err", e.toString())
          .log("cannot decompress file; lines after the error are not read");
    } finally {
      running = false;
      metrics.filesActive.dec();
    }
  }

  private long storedLines() {
    Optional<String> stored = positions.get(path.toString(), labelsKey);
    if (stored.isEmpty()) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(stored.get().trim()));
    } catch (NumberFormatException e) {
      metrics.positionsErrors.labelValues("invalid_value").inc();
      return 0; // restart_from_end is not supported for compressed files, as in Alloy
    }
  }

  private void readAll(long skip) throws IOException, InterruptedException {
    byte[] buf = new byte[64 * 1024];
    long[] seen = {0};
    LineSplitter.Sink counting =
        (text, next, truncated) -> {
          if (seen[0]++ >= skip) {
            forwarder.line(text, next, truncated);
          }
        };
    LineSplitter splitter =
        new LineSplitter(
            settings.charset().orElse(java.nio.charset.StandardCharsets.UTF_8),
            settings.maxLineBytes(),
            0);
    try (InputStream in =
        format.wrap(new BufferedInputStream(Files.newInputStream(path), 64 * 1024))) {
      int n;
      while ((n = in.read(buf)) > 0) {
        forwarder.stamp();
        splitter.feed(buf, 0, n, counting);
        send(seen[0]);
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException();
        }
      }
    }
    forwarder.stamp();
    splitter.flush(counting);
    send(seen[0]);
    logger.atInfo().addKeyValue("path", path.toString()).log("finished reading compressed file");
  }

  private void send(long linesSeen) throws InterruptedException {
    int n = forwarder.pending();
    if (n == 0) {
      return;
    }
    metrics.readLines.labelValues(path.toString()).inc(n);
    long firstLine = linesSeen - n;
    long[] sent = {firstLine};
    // commit counts lines per batch: offsets reported by the splitter are decompressed bytes
    forwarder.send(
        offset -> {
          long done = Math.min(linesSeen, sent[0] + settings.maxBatchLines());
          sent[0] = done;
          positions.put(path.toString(), labelsKey, done);
          linesDone = done;
        },
        () -> true);
  }
}
