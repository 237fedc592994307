package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.sys.ErrnoException;
import dev.jalloy.component.prometheus.exporter.unix.sys.Libc;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TimexCollectorTest {
  private static Libc.Timex timex(int state, int status) {
    // offset 1500, freq 65536 (1 ppm), maxerror 16000 µs, esterror 16 µs, tick 10000 µs,
    // jitter 2000, shift 4, ppsfreq and stabil 131072 (2 ppm), counters 1..4, TAI 37
    return new Libc.Timex(
        state, 1500, 65536, 16000, 16, status, 2, 10000, 131072, 2000, 4, 131072, 1, 2, 3, 4, 37);
  }

  @Test
  void convertsUnitsAsNodeExporter() throws Exception {
    String text = Expositions.collect(new TimexCollector(() -> timex(0, 0x0001)));
    assertThat(text)
        .contains("node_timex_sync_status 1\n")
        .contains("node_timex_offset_seconds 0.0015\n") // µs
        .contains("node_timex_frequency_adjustment_ratio 1.000001\n")
        .contains("node_timex_maxerror_seconds 0.016\n")
        .contains("node_timex_estimated_error_seconds 1.6e-05\n")
        .contains("node_timex_status 1\n")
        .contains("node_timex_loop_time_constant 2\n")
        .contains("node_timex_tick_seconds 0.01\n")
        .contains("node_timex_pps_frequency_hertz 2e-06\n")
        .contains("node_timex_pps_jitter_seconds 0.002\n")
        .contains("node_timex_pps_shift_seconds 4\n")
        .contains("node_timex_pps_stability_hertz 2e-06\n")
        .contains("# TYPE node_timex_pps_jitter_total counter\nnode_timex_pps_jitter_total 1\n")
        .contains("node_timex_pps_calibration_total 2\n")
        .contains("node_timex_pps_error_total 3\n")
        .contains("node_timex_pps_stability_exceeded_total 4\n")
        .contains("node_timex_tai_offset_seconds 37\n");
    assertThat(text.lines().filter(l -> l.startsWith("# TYPE"))).hasSize(17);
  }

  @Test
  void nanosecondResolutionAndUnsynchronisedClock() throws Exception {
    String text = Expositions.collect(new TimexCollector(() -> timex(5, 0x2000 | 0x0040)));
    assertThat(text)
        .contains("node_timex_sync_status 0\n")
        .contains("node_timex_offset_seconds 1.5e-06\n") // ns with STA_NANO
        .contains("node_timex_pps_jitter_seconds 2e-06\n");
  }

  @Test
  void readsTheRunningKernel() throws Exception {
    String text = Expositions.collect(new TimexCollector());
    assertThat(text).containsPattern("node_timex_tick_seconds 0\\.0\\d+\n");
  }

  @Test
  void permissionDeniedMeansNoData() {
    TimexCollector c =
        new TimexCollector(
            () -> {
              throw new ErrnoException("adjtimex", 1);
            });
    assertThatThrownBy(() -> Expositions.collect(c)).isInstanceOf(NoDataException.class);
    TimexCollector other =
        new TimexCollector(
            () -> {
              throw new ErrnoException("adjtimex", 22);
            });
    assertThatThrownBy(() -> Expositions.collect(other))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(NoDataException.class);
  }
}
