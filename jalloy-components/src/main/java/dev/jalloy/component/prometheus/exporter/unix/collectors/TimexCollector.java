package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import dev.jalloy.component.prometheus.exporter.unix.sys.ErrnoException;
import dev.jalloy.component.prometheus.exporter.unix.sys.Libc;
import java.io.IOException;

/**
 * node_exporter's {@code timex} collector: the kernel clock discipline from a read-only {@code
 * adjtimex(2)}, with node_exporter's unit conversions (timex_linux.go).
 */
public final class TimexCollector implements NodeCollector {
  private static final int TIME_ERROR = 5; // clock not synchronised
  private static final int STA_NANO = 0x2000; // offset and jitter in ns instead of µs
  private static final double MICROSECONDS = 1e6;
  private static final double NANOSECONDS = 1e9;
  private static final double PPM16FRAC = 1_000_000.0 * 65536.0; // scaled ppm, see adjtimex(2)

  /** One read of the kernel clock's state. */
  @FunctionalInterface
  public interface AdjtimexCall {
    /** The kernel's answer. */
    Libc.Timex adjtimex() throws IOException;
  }

  private final AdjtimexCall call;

  /** Asks the running kernel. */
  public TimexCollector() {
    this(Libc::adjtimex);
  }

  /** Asks {@code call}, for tests. */
  public TimexCollector(AdjtimexCall call) {
    this.call = call;
  }

  @Override
  public String name() {
    return "timex";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Libc.Timex t;
    try {
      t = call.adjtimex();
    } catch (ErrnoException e) {
      if (e.errno() == ErrnoException.EPERM) {
        throw new NoDataException("not collecting timex metrics: " + e.getMessage());
      }
      throw e;
    }
    double divisor = (t.status() & STA_NANO) != 0 ? NANOSECONDS : MICROSECONDS;
    sink.gauge(
        "node_timex_sync_status",
        "Is clock synchronized to a reliable server (1 = yes, 0 = no).",
        t.state() == TIME_ERROR ? 0 : 1);
    sink.gauge(
        "node_timex_offset_seconds",
        "Time offset in between local system and reference clock.",
        t.offset() / divisor);
    sink.gauge(
        "node_timex_frequency_adjustment_ratio",
        "Local clock frequency adjustment.",
        1 + t.freq() / PPM16FRAC);
    sink.gauge(
        "node_timex_maxerror_seconds", "Maximum error in seconds.", t.maxerror() / MICROSECONDS);
    sink.gauge(
        "node_timex_estimated_error_seconds",
        "Estimated error in seconds.",
        t.esterror() / MICROSECONDS);
    sink.gauge("node_timex_status", "Value of the status array bits.", t.status());
    sink.gauge("node_timex_loop_time_constant", "Phase-locked loop time constant.", t.constant());
    sink.gauge("node_timex_tick_seconds", "Seconds between clock ticks.", t.tick() / MICROSECONDS);
    sink.gauge(
        "node_timex_pps_frequency_hertz", "Pulse per second frequency.", t.ppsfreq() / PPM16FRAC);
    sink.gauge("node_timex_pps_jitter_seconds", "Pulse per second jitter.", t.jitter() / divisor);
    sink.gauge("node_timex_pps_shift_seconds", "Pulse per second interval duration.", t.shift());
    sink.gauge(
        "node_timex_pps_stability_hertz",
        "Pulse per second stability, average of recent frequency changes.",
        t.stabil() / PPM16FRAC);
    sink.counter(
        "node_timex_pps_jitter_total",
        "Pulse per second count of jitter limit exceeded events.",
        t.jitcnt());
    sink.counter(
        "node_timex_pps_calibration_total",
        "Pulse per second count of calibration intervals.",
        t.calcnt());
    sink.counter(
        "node_timex_pps_error_total", "Pulse per second count of calibration errors.", t.errcnt());
    sink.counter(
        "node_timex_pps_stability_exceeded_total",
        "Pulse per second count of stability limit exceeded events.",
        t.stbcnt());
    sink.gauge("node_timex_tai_offset_seconds", "International Atomic Time (TAI) offset.", t.tai());
  }
}
