package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * node_exporter's {@code cpufreq} collector ({@code collector/cpufreq_linux.go} with procfs's
 * {@code system_cpu.go}): the frequencies of every CPU that has a {@code
 * /sys/devices/system/cpu/cpuN/cpufreq} directory, in hertz (sysfs writes kHz). A CPU without that
 * directory (a VM) is skipped; a {@code cpufreq} directory without the governor and driver files
 * fails the collector, as procfs requires them.
 */
public final class CpufreqCollector implements NodeCollector {
  private static final String[] FREQUENCY_FILES = {
    "cpuinfo_cur_freq",
    "cpuinfo_max_freq",
    "cpuinfo_min_freq",
    "cpuinfo_transition_latency",
    "scaling_cur_freq",
    "scaling_max_freq",
    "scaling_min_freq",
  };
  private static final String[] REQUIRED_FILES = {
    "scaling_available_governors",
    "scaling_driver",
    "scaling_governor",
    "related_cpus",
    "scaling_setspeed",
  };

  /** Metric name and help per entry of {@link #FREQUENCY_FILES}; null when not exported. */
  private static final String[][] METRICS = {
    {"node_cpu_frequency_hertz", "Current cpu thread frequency in hertz."},
    {"node_cpu_frequency_max_hertz", "Maximum cpu thread frequency in hertz."},
    {"node_cpu_frequency_min_hertz", "Minimum cpu thread frequency in hertz."},
    null,
    {"node_cpu_scaling_frequency_hertz", "Current scaled CPU thread frequency in hertz."},
    {"node_cpu_scaling_frequency_max_hertz", "Maximum scaled CPU thread frequency in hertz."},
    {"node_cpu_scaling_frequency_min_hertz", "Minimum scaled CPU thread frequency in hertz."},
  };

  private final HostPaths paths;

  /**
   * @param paths where the host's sysfs is
   */
  public CpufreqCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "cpufreq";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path cpus = paths.sys("devices", "system", "cpu");
    List<String> entries;
    try {
      entries = SysFiles.list(cpus);
    } catch (NoSuchFileException e) {
      return; // procfs globs, and an empty glob is no error
    }
    // procfs parses every CPU before node_exporter writes anything: an error leaves no metrics
    List<Object[]> rows = new ArrayList<>();
    for (String cpu : entries) {
      if (cpu.length() < 4 || !cpu.startsWith("cpu") || !Character.isDigit(cpu.charAt(3))) {
        continue;
      }
      Path cpufreq = cpus.resolve(cpu).resolve("cpufreq");
      if (!Files.exists(cpufreq)) {
        continue;
      }
      double[] values = new double[FREQUENCY_FILES.length];
      boolean[] present = new boolean[FREQUENCY_FILES.length];
      for (int i = 0; i < FREQUENCY_FILES.length; i++) {
        Path file = cpufreq.resolve(FREQUENCY_FILES[i]);
        String text;
        try {
          text = HostFiles.readTrimmed(file);
        } catch (NoSuchFileException | AccessDeniedException e) {
          continue;
        }
        Double v = SysFiles.parseUnsigned(text);
        if (v == null) {
          throw new IOException(file + ": not an unsigned integer: " + text);
        }
        values[i] = v;
        present[i] = true;
      }
      for (String required : REQUIRED_FILES) {
        HostFiles.readTrimmed(cpufreq.resolve(required));
      }
      rows.add(new Object[] {cpu.substring(3), values, present});
    }
    for (Object[] row : rows) {
      double[] values = (double[]) row[1];
      boolean[] present = (boolean[]) row[2];
      for (int i = 0; i < METRICS.length; i++) {
        if (present[i] && METRICS[i] != null) {
          sink.family(METRICS[i][0], MetricType.GAUGE, METRICS[i][1])
              .add(values[i] * 1000.0, "cpu", (String) row[0]);
        }
      }
    }
  }
}
