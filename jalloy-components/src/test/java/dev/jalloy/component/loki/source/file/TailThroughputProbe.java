package dev.jalloy.component.loki.source.file;

import dev.jalloy.model.LogsReceiver;
import dev.jalloy.testkit.Eventually;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: prints lines/s of tailing one large file into a receiver that only counts. Run with
 * {@code -Dprobe=true -Dtest=TailThroughputProbe}. No assertion on timings.
 */
@EnabledIfSystemProperty(named = "probe", matches = "true")
@SuppressWarnings("try") // the rig only runs while the probe waits
class TailThroughputProbe {
  @TempDir Path dir;

  @Test
  void tailOneLargeFile() throws Exception {
    int lines = Integer.getInteger("probe.lines", 2_000_000);
    Path f = dir.resolve("big.log");
    try (BufferedWriter w = Files.newBufferedWriter(f)) {
      for (int i = 0; i < lines; i++) {
        // 40 bytes with the newline: the stress case of the log pipeline issue
        w.write(String.format("2026-11-23T17:00:00Z level=info n=%05d%n", i % 100000));
      }
    }
    long size = Files.size(f);
    LongAdder seen = new LongAdder();
    LogsReceiver noop = entries -> seen.add(entries.size());
    var args =
        new LokiSourceFile.Arguments(
            List.of(Map.of("__path__", f.toString(), "job", "probe")),
            List.of(noop),
            "",
            false,
            "",
            "",
            Optional.empty(),
            LokiSourceFile.FileWatch.defaults(),
            LokiSourceFile.FileMatch.defaults());
    long start = System.nanoTime();
    try (var rig = new SourceFileRig(dir.resolve("data"), args)) {
      Eventually.await(Duration.ofMinutes(5), () -> seen.sum() >= lines, "all lines");
    }
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "PROBE lines=%d bytes=%d seconds=%.2f lines/s=%.0f MiB/s=%.1f%n",
        lines, size, secs, lines / secs, size / secs / (1 << 20));
  }

  @Test
  void idleCostOfTenThousandFiles() throws Exception {
    Files.createDirectories(dir.resolve("many"));
    for (int i = 0; i < 10_000; i++) {
      Files.writeString(dir.resolve("many/f" + i + ".log"), "x\n");
    }
    LongAdder seen = new LongAdder();
    LogsReceiver noop = entries -> seen.add(entries.size());
    var args =
        new LokiSourceFile.Arguments(
            List.of(Map.of("__path__", dir + "/many/*.log")),
            List.of(noop),
            "",
            false,
            "",
            "",
            Optional.empty(),
            LokiSourceFile.FileWatch.defaults(),
            new LokiSourceFile.FileMatch(true, Duration.ofSeconds(10), Duration.ZERO));
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    try (var rig = new SourceFileRig(dir.resolve("data"), args)) {
      Eventually.await(Duration.ofMinutes(2), () -> seen.sum() >= 10_000, "all files");
      Thread.sleep(2000); // let every tailer reach its idle polling
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      Thread.sleep(5000);
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      double wall = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "PROBE idle files=10000 poll=250ms cpu_seconds_per_second=%.3f heap_used_mib=%d%n",
          cpu / wall,
          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    }
  }
}
