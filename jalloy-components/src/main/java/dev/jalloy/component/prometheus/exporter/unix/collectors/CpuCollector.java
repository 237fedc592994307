package dev.jalloy.component.prometheus.exporter.unix.collectors;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * node_exporter's {@code cpu} collector: per-CPU seconds by mode from {@code /proc/stat},
 * optionally guest seconds and {@code /proc/cpuinfo} details, isolated CPUs and thermal throttle
 * counts from {@code /sys/devices/system/cpu}.
 *
 * <p>Like node_exporter it keeps the previous values: a counter the kernel reports lower than
 * before (a known kernel quirk on some virtual machines) is held at its old value, and an idle
 * counter that jumps back three seconds or more is taken as a CPU hotplug and resets the CPU.
 */
public final class CpuCollector implements NodeCollector {
  private static final double USER_HZ = 100;
  private static final double JUMP_BACK_SECONDS = 3.0;
  private static final String[] MODES = {
    "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"
  };
  private static final int GUEST = 8;
  private static final int GUEST_NICE = 9;
  private static final int FIELDS = 10;
  private static final int IDLE = 3;

  private final HostPaths paths;
  private final boolean guest;
  private final boolean info;
  private final Optional<Pattern> flagsInclude;
  private final Optional<Pattern> bugsInclude;
  private double[][] previous = new double[0][];
  private String[] cpuLabels = new String[0];

  /**
   * Reads {@code stat} and {@code cpuinfo} under {@code paths.procfs()} and {@code
   * devices/system/cpu} under {@code paths.sysfs()}.
   *
   * @param guest write {@code node_cpu_guest_seconds_total}
   * @param info write {@code node_cpu_info} from {@code /proc/cpuinfo}
   * @param flagsInclude with {@code info}: write {@code node_cpu_flag_info} for matching flags
   * @param bugsInclude with {@code info}: write {@code node_cpu_bug_info} for matching bugs
   */
  public CpuCollector(
      HostPaths paths,
      boolean guest,
      boolean info,
      Optional<Pattern> flagsInclude,
      Optional<Pattern> bugsInclude) {
    this.paths = paths;
    this.guest = guest;
    this.info = info;
    this.flagsInclude = flagsInclude;
    this.bugsInclude = bugsInclude;
  }

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    if (info) {
      collectInfo(sink);
    }
    collectStat(sink);
    collectIsolated(sink);
    collectThermalThrottle(sink);
  }

  private void collectStat(MetricSink sink) throws IOException {
    List<double[]> now = new ArrayList<>();
    for (String line : ProcText.lines(HostFiles.readWhole(paths.proc("stat")))) {
      if (!line.startsWith("cpu")) {
        continue;
      }
      String[] f = ProcText.fields(line);
      if (f.length < 2) {
        throw new IOException("couldn't parse " + line + " (cpu): too few fields");
      }
      if (f[0].equals("cpu")) {
        continue;
      }
      int id;
      try {
        id = Integer.parseInt(f[0].substring(3));
      } catch (NumberFormatException e) {
        throw new IOException("couldn't parse " + line + " (cpu/cpuid)", e);
      }
      double[] values = new double[FIELDS];
      for (int i = 0; i < FIELDS && i + 1 < f.length; i++) {
        values[i] = Double.parseDouble(f[i + 1]) / USER_HZ;
      }
      while (now.size() <= id) {
        now.add(new double[FIELDS]); // procfs 1.5 fills gaps of offline CPUs with zeros
      }
      now.set(id, values);
    }
    update(now);
    MetricSink.Family seconds =
        sink.family(
            "node_cpu_seconds_total", MetricType.COUNTER, "Seconds the CPUs spent in each mode.");
    MetricSink.Family guestSeconds =
        guest
            ? sink.family(
                "node_cpu_guest_seconds_total",
                MetricType.COUNTER,
                "Seconds the CPUs spent in guests (VMs) for each mode.")
            : null;
    for (int cpu = 0; cpu < previous.length; cpu++) {
      double[] v = previous[cpu];
      String label = cpuLabels[cpu];
      for (int m = 0; m < MODES.length; m++) {
        seconds.add(v[m], "cpu", label, "mode", MODES[m]);
      }
      if (guestSeconds != null) {
        guestSeconds.add(v[GUEST], "cpu", label, "mode", "user");
        guestSeconds.add(v[GUEST_NICE], "cpu", label, "mode", "nice");
      }
    }
  }

  private void update(List<double[]> now) {
    if (previous.length != now.size()) {
      previous = new double[now.size()][FIELDS];
      cpuLabels = new String[now.size()];
      for (int i = 0; i < cpuLabels.length; i++) {
        cpuLabels[i] = Integer.toString(i);
      }
    }
    for (int cpu = 0; cpu < now.size(); cpu++) {
      double[] old = previous[cpu];
      double[] n = now.get(cpu);
      if (old[IDLE] - n[IDLE] >= JUMP_BACK_SECONDS) {
        Arrays.fill(old, 0);
      }
      for (int i = 0; i < FIELDS; i++) {
        if (n[i] >= old[i]) {
          old[i] = n[i];
        }
      }
    }
  }

  private void collectInfo(MetricSink sink) throws IOException {
    List<Map<String, String>> cpus = new ArrayList<>();
    List<String> lines = ProcText.lines(HostFiles.readWhole(paths.proc("cpuinfo")));
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first == lines.size()
        || !lines.get(first).startsWith("processor")
        || !lines.get(first).contains(":")) {
      throw new IOException(
          "invalid cpuinfo file: " + (first < lines.size() ? lines.get(first) : ""));
    }
    Map<String, String> current = null;
    for (int i = first; i < lines.size(); i++) {
      String line = lines.get(i);
      int sep = line.indexOf(": ");
      if (sep < 0) {
        continue;
      }
      String key = line.substring(0, sep).strip();
      String value = line.substring(sep + 2);
      if (key.equals("processor")) {
        current = new LinkedHashMap<>();
        cpus.add(current);
        current.put("processor", Long.toString(Long.decode(value.strip())));
        continue;
      }
      if (current != null) {
        current.put(key, value);
      }
    }
    MetricSink.Family cpuInfo =
        sink.family("node_cpu_info", MetricType.GAUGE, "CPU information from /proc/cpuinfo.");
    for (Map<String, String> cpu : cpus) {
      String vendor = cpu.getOrDefault("vendor_id", cpu.getOrDefault("vendor", ""));
      cpuInfo.add(
          1,
          "package",
          cpu.getOrDefault("physical id", ""),
          "core",
          cpu.getOrDefault("core id", ""),
          "cpu",
          cpu.get("processor"),
          "vendor",
          vendor,
          "family",
          cpu.getOrDefault("cpu family", ""),
          "model",
          cpu.getOrDefault("model", ""),
          "model_name",
          cpu.getOrDefault("model name", ""),
          "microcode",
          cpu.getOrDefault("microcode", ""),
          "stepping",
          cpu.getOrDefault("stepping", ""),
          "cachesize",
          cpu.getOrDefault("cache size", ""));
    }
    if (!cpus.isEmpty()) {
      Map<String, String> firstCpu = cpus.get(0);
      fieldInfo(
          sink,
          firstCpu.getOrDefault("flags", ""),
          flagsInclude,
          "node_cpu_flag_info",
          "The `flags` field of CPU information from /proc/cpuinfo taken from the first core.",
          "flag");
      fieldInfo(
          sink,
          firstCpu.getOrDefault("bugs", ""),
          bugsInclude,
          "node_cpu_bug_info",
          "The `bugs` field of CPU information from /proc/cpuinfo taken from the first core.",
          "bug");
    }
  }

  private static void fieldInfo(
      MetricSink sink,
      String values,
      Optional<Pattern> include,
      String name,
      String help,
      String label) {
    if (include.isEmpty()) {
      return;
    }
    for (String value : ProcText.fields(values)) {
      if (include.get().matcher(value).find()) {
        sink.family(name, MetricType.GAUGE, help).add(1, label, value);
      }
    }
  }

  private void collectIsolated(MetricSink sink) throws IOException {
    String list;
    try {
      list = HostFiles.readWhole(paths.sys("devices", "system", "cpu", "isolated")).strip();
    } catch (NoSuchFileException e) {
      return;
    }
    if (list.isEmpty()) {
      return;
    }
    MetricSink.Family isolated =
        sink.family(
            "node_cpu_isolated",
            MetricType.GAUGE,
            "Whether each core is isolated, information from /sys/devices/system/cpu/isolated.");
    for (String part : list.split(",")) {
      int dash = part.indexOf('-');
      int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
      int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
      if (to < from) {
        throw new IOException("invalid cpu range in isolated: " + part);
      }
      for (int cpu = from; cpu <= to; cpu++) {
        isolated.add(1, "cpu", Integer.toString(cpu));
      }
    }
  }

  private void collectThermalThrottle(MetricSink sink) throws IOException {
    List<Path> cpus = new ArrayList<>();
    try (DirectoryStream<Path> dir =
        Files.newDirectoryStream(paths.sys("devices", "system", "cpu"), "cpu[0-9]*")) {
      for (Path p : dir) {
        cpus.add(p);
      }
    } catch (NoSuchFileException e) {
      return;
    }
    cpus.sort(null);
    Map<String, Double> packageThrottles = new LinkedHashMap<>();
    Map<String, Map<String, Double>> coreThrottles = new LinkedHashMap<>();
    for (Path cpu : cpus) {
      Optional<String> pkg = readUint(cpu.resolve("topology").resolve("physical_package_id"));
      if (pkg.isEmpty()) {
        continue;
      }
      Optional<String> core = readUint(cpu.resolve("topology").resolve("core_id"));
      if (core.isEmpty()) {
        continue;
      }
      Map<String, Double> cores =
          coreThrottles.computeIfAbsent(pkg.get(), k -> new LinkedHashMap<>());
      if (!cores.containsKey(core.get())) {
        readUint(cpu.resolve("thermal_throttle").resolve("core_throttle_count"))
            .ifPresent(v -> cores.put(core.get(), ProcText.u64(v)));
      }
      if (!packageThrottles.containsKey(pkg.get())) {
        readUint(cpu.resolve("thermal_throttle").resolve("package_throttle_count"))
            .ifPresent(v -> packageThrottles.put(pkg.get(), ProcText.u64(v)));
      }
    }
    for (Map.Entry<String, Double> e : packageThrottles.entrySet()) {
      sink.family(
              "node_cpu_package_throttles_total",
              MetricType.COUNTER,
              "Number of times this CPU package has been throttled.")
          .add(e.getValue(), "package", e.getKey());
    }
    for (Map.Entry<String, Map<String, Double>> p : coreThrottles.entrySet()) {
      for (Map.Entry<String, Double> c : p.getValue().entrySet()) {
        sink.family(
                "node_cpu_core_throttles_total",
                MetricType.COUNTER,
                "Number of times this CPU core has been throttled.")
            .add(c.getValue(), "package", p.getKey(), "core", c.getKey());
      }
    }
  }

  /** node_exporter's {@code readUintFromFile}: the value normalised, or empty on any failure. */
  private static Optional<String> readUint(Path file) {
    try {
      String s = HostFiles.readWhole(file).strip();
      return Optional.of(Long.toUnsignedString(Long.parseUnsignedLong(s)));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
