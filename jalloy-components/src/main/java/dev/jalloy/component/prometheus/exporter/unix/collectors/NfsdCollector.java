package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * node_exporter's {@code nfsd} collector: NFS server statistics from {@code /proc/net/rpc/nfsd}.
 * Every family is written even when its line is absent (as zeros); a line node_exporter 1.5's
 * procfs does not know fails the collector, as it does there. Without nfsd there is no file: no
 * data.
 */
public final class NfsdCollector implements NodeCollector {
  // procfs 0.8's V4Ops order; node_exporter writes the operations listed with a name
  private static final String[] V4_OPS = {
    null,
    null,
    null,
    "Access",
    "Close",
    "Commit",
    "Create",
    "DelegPurge",
    "DelegReturn",
    "GetAttr",
    "GetFH",
    "Link",
    "Lock",
    "Lockt",
    "Locku",
    "Lookup",
    "LookupRoot",
    "Nverify",
    "Open",
    "OpenAttr",
    "OpenConfirm",
    "OpenDgrd",
    "PutFH",
    null,
    null,
    "Read",
    "ReadDir",
    "ReadLink",
    "Remove",
    "Rename",
    "Renew",
    "RestoreFH",
    "SaveFH",
    "SecInfo",
    "SetAttr",
    "Verify",
    "Write",
    "RelLockOwner",
  };

  private final HostPaths paths;

  /** Reads {@code net/rpc/nfsd} under {@code paths.procfs()}. */
  public NfsdCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "nfsd";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    String text;
    try {
      text = HostFiles.readWhole(paths.proc("net", "rpc", "nfsd"));
    } catch (NoSuchFileException e) {
      throw new NoDataException("Not collecting NFSd metrics: " + e.getMessage());
    }
    double[] rc = new double[3];
    double[] fh = new double[5];
    double[] io = new double[2];
    double[] th = new double[2];
    double[] ra = new double[12];
    double[] net = new double[4];
    double[] rpc = new double[5];
    double[] v2 = new double[NfsCollector.V2.length];
    double[] v3 = new double[NfsCollector.V3.length];
    double[] v4 = new double[V4_OPS.length];
    for (String line : ProcText.lines(text)) {
      String[] f = ProcText.fields(line);
      if (f.length < 2) {
        throw new IOException("failed to retrieve nfsd stats: invalid NFSd metric line " + line);
      }
      if (f[0].equals("th")) {
        if (f.length < 3) {
          throw new IOException(
              "failed to retrieve nfsd stats: invalid NFSd th metric line " + line);
        }
        Nfsd.exactly(Nfsd.values(f, 1, 3), th, line);
        continue;
      }
      double[] v = Nfsd.values(f, 1, f.length);
      switch (f[0]) {
        case "rc" -> Nfsd.exactly(v, rc, line);
        case "fh" -> Nfsd.exactly(v, fh, line);
        case "io" -> Nfsd.exactly(v, io, line);
        case "ra" -> Nfsd.exactly(v, ra, line);
        case "net" -> Nfsd.exactly(v, net, line);
        case "rpc" -> Nfsd.exactly(v, rpc, line);
        case "proc2" -> Nfsd.procedures(v, v2, 18, line);
        case "proc3" -> Nfsd.procedures(v, v3, 22, line);
        case "proc4" -> {
          if (v[0] != v.length - 1 || v[0] != 2) {
            throw new IOException("failed to retrieve nfsd stats: invalid V4Stats line " + line);
          }
        }
        case "proc4ops" -> Nfsd.procedures(v, v4, 39, line);
        default ->
            throw new IOException(
                "failed to retrieve nfsd stats: unknown NFSd metric line " + f[0]);
      }
    }
    sink.counter(
        "node_nfsd_reply_cache_hits_total",
        "Total number of NFSd Reply Cache hits (client lost server response).",
        rc[0]);
    sink.counter(
        "node_nfsd_reply_cache_misses_total",
        "Total number of NFSd Reply Cache an operation that requires caching (idempotent).",
        rc[1]);
    sink.counter(
        "node_nfsd_reply_cache_nocache_total",
        "Total number of NFSd Reply Cache non-idempotent operations (rename/delete/…).",
        rc[2]);
    sink.counter(
        "node_nfsd_file_handles_stale_total", "Total number of NFSd stale file handles", fh[0]);
    sink.counter("node_nfsd_disk_bytes_read_total", "Total NFSd bytes read.", io[0]);
    sink.counter("node_nfsd_disk_bytes_written_total", "Total NFSd bytes written.", io[1]);
    sink.gauge(
        "node_nfsd_server_threads", "Total number of NFSd kernel threads that are running.", th[0]);
    sink.gauge(
        "node_nfsd_read_ahead_cache_size_blocks",
        "How large the read ahead cache is in blocks.",
        ra[0]);
    sink.counter(
        "node_nfsd_read_ahead_cache_not_found_total",
        "Total number of NFSd read ahead cache not found.",
        ra[11]);
    MetricSink.Family packets =
        sink.family(
            "node_nfsd_packets_total",
            MetricType.COUNTER,
            "Total NFSd network packets (sent+received) by protocol type.");
    packets.add(net[1], "proto", "udp");
    packets.add(net[2], "proto", "tcp");
    sink.counter("node_nfsd_connections_total", "Total number of NFSd TCP connections.", net[3]);
    MetricSink.Family errors =
        sink.family(
            "node_nfsd_rpc_errors_total",
            MetricType.COUNTER,
            "Total number of NFSd RPC errors by error type.");
    errors.add(rpc[1], "error", "fmt");
    errors.add(rpc[2], "error", "auth");
    errors.add(rpc[3], "error", "cInt");
    sink.counter("node_nfsd_server_rpcs_total", "Total number of NFSd RPCs.", rpc[0]);
    MetricSink.Family requests =
        sink.family(
            "node_nfsd_requests_total",
            MetricType.COUNTER,
            "Total number NFSd Requests by method and protocol.");
    for (int i = 1; i < v2.length; i++) {
      requests.add(v2[i], "proto", "2", "method", NfsCollector.V2[i]);
    }
    for (int i = 1; i < v3.length; i++) {
      requests.add(v3[i], "proto", "3", "method", NfsCollector.V3[i]);
    }
    for (int i = 0; i < V4_OPS.length; i++) {
      if (V4_OPS[i] != null) {
        requests.add(v4[i], "proto", "4", "method", V4_OPS[i]);
      }
    }
  }
}
