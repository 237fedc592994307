package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeCollectorTest {
  @TempDir Path sys;

  @Test
  void clockZoneAndClockSources() throws Exception {
    Path cs0 = Files.createDirectories(sys.resolve("devices/system/clocksource/clocksource0"));
    Files.writeString(cs0.resolve("available_clocksource"), "tsc kvm-clock acpi_pm \n");
    Files.writeString(cs0.resolve("current_clocksource"), "kvm-clock\n");
    HostPaths paths = new HostPaths(Path.of("/proc"), sys, Path.of("/"), Path.of("/u"));
    Clock clock = Clock.fixed(Instant.parse("2026-07-01T10:00:00.25Z"), ZoneId.of("Europe/Berlin"));
    assertThat(Expositions.collect(new TimeCollector(paths, clock)))
        .isEqualTo(
            """
            # HELP node_time_clocksource_available_info Available clocksources read from '/sys/devices/system/clocksource'.
            # TYPE node_time_clocksource_available_info gauge
            node_time_clocksource_available_info{clocksource="acpi_pm",device="0"} 1
            node_time_clocksource_available_info{clocksource="kvm-clock",device="0"} 1
            node_time_clocksource_available_info{clocksource="tsc",device="0"} 1
            # HELP node_time_clocksource_current_info Current clocksource read from '/sys/devices/system/clocksource'.
            # TYPE node_time_clocksource_current_info gauge
            node_time_clocksource_current_info{clocksource="kvm-clock",device="0"} 1
            # HELP node_time_seconds System time in seconds since epoch (1970).
            # TYPE node_time_seconds gauge
            node_time_seconds 1.78290000025e+09
            # HELP node_time_zone_offset_seconds System time zone offset in seconds.
            # TYPE node_time_zone_offset_seconds gauge
            node_time_zone_offset_seconds{time_zone="CEST"} 7200
            """);
  }

  @Test
  void utcIsCalledUtc() throws Exception {
    Files.createDirectories(sys.resolve("devices/system/clocksource"));
    HostPaths paths = new HostPaths(Path.of("/proc"), sys, Path.of("/"), Path.of("/u"));
    Clock clock = Clock.fixed(Instant.EPOCH, ZoneId.of("Etc/UTC"));
    assertThat(Expositions.collect(new TimeCollector(paths, clock)))
        .contains("node_time_zone_offset_seconds{time_zone=\"UTC\"} 0\n");
  }
}
