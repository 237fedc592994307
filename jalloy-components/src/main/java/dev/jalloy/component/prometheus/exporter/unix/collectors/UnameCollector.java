package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import dev.jalloy.component.prometheus.exporter.unix.sys.Libc;
import java.io.IOException;

/** node_exporter's {@code uname} collector: {@code node_uname_info} from {@code uname(2)}. */
public final class UnameCollector implements NodeCollector {
  /** The labels of one call; the system call is tiny, so it is made on every scrape. */
  @FunctionalInterface
  public interface UnameCall {
    /** The kernel's answer. */
    Libc.Utsname uname() throws IOException;
  }

  private final UnameCall call;

  /** Asks the running kernel. */
  public UnameCollector() {
    this(Libc::uname);
  }

  /** Asks {@code call}, for tests. */
  public UnameCollector(UnameCall call) {
    this.call = call;
  }

  @Override
  public String name() {
    return "uname";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Libc.Utsname u = call.uname();
    sink.gauge(
        "node_uname_info",
        "Labeled system information as provided by the uname system call.",
        1,
        "sysname",
        u.sysname(),
        "release",
        u.release(),
        "version",
        u.version(),
        "machine",
        u.machine(),
        "nodename",
        u.nodename(),
        "domainname",
        u.domainname());
  }
}
