package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * node_exporter's {@code time} collector: the wall clock, the local zone's offset, and the kernel's
 * clock sources from {@code <sysfs>/devices/system/clocksource/clocksource<N>}.
 */
public final class TimeCollector implements NodeCollector {
  private static final DateTimeFormatter ZONE_ABBREVIATION =
      DateTimeFormatter.ofPattern("zzz", Locale.US);

  private final HostPaths paths;
  private final Clock clock;

  /** Reads the system clock in the JVM's default zone (the host's, as for Go's time.Local). */
  public TimeCollector(HostPaths paths) {
    this(paths, Clock.systemDefaultZone());
  }

  /** Reads {@code clock}, for tests. */
  public TimeCollector(HostPaths paths, Clock clock) {
    this.paths = paths;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "time";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Instant now = clock.instant();
    sink.gauge(
        "node_time_seconds",
        "System time in seconds since epoch (1970).",
        now.getEpochSecond() + now.getNano() / 1e9);
    ZonedDateTime local = now.atZone(clock.getZone());
    sink.gauge(
        "node_time_zone_offset_seconds",
        "System time zone offset in seconds.",
        local.getOffset().getTotalSeconds(),
        "time_zone",
        zoneAbbreviation(local));
    clockSources(sink);
  }

  /**
   * Go's zone name from {@code time.Now().Zone()}: the tzdata abbreviation in effect, e.g. CEST.
   * The US locale has those abbreviations; the root locale would print GMT+02:00.
   */
  private static String zoneAbbreviation(ZonedDateTime local) {
    if (local.getZone().normalized().getId().equals("Z")) {
      return "UTC";
    }
    return local.format(ZONE_ABBREVIATION);
  }

  private void clockSources(MetricSink sink) throws IOException {
    Path dir = paths.sys("devices", "system", "clocksource");
    List<Path> sources = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "clocksource[0-9]*")) {
      entries.forEach(sources::add);
    }
    sources.sort(null); // Go's filepath.Glob returns sorted names; the index is the device label
    MetricSink.Family available =
        sink.family(
            "node_time_clocksource_available_info",
            dev.jalloy.component.prometheus.exporter.unix.MetricType.GAUGE,
            "Available clocksources read from '/sys/devices/system/clocksource'.");
    MetricSink.Family current =
        sink.family(
            "node_time_clocksource_current_info",
            dev.jalloy.component.prometheus.exporter.unix.MetricType.GAUGE,
            "Current clocksource read from '/sys/devices/system/clocksource'.");
    for (int i = 0; i < sources.size(); i++) {
      String device = Integer.toString(i);
      Path source = sources.get(i);
      for (String name :
          HostFiles.readTrimmed(source.resolve("available_clocksource")).split("\\s+")) {
        if (!name.isEmpty()) {
          available.add(1, "device", device, "clocksource", name);
        }
      }
      current.add(
          1,
          "device",
          device,
          "clocksource",
          HostFiles.readTrimmed(source.resolve("current_clocksource")));
    }
  }
}
