package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.nio.file.NoSuchFileException;
import java.util.Collections;
import java.util.List;

/**
 * node_exporter's {@code netdev} collector: per-device counters of {@code /proc/net/dev} under the
 * legacy names node_exporter 1.5 writes ({@code node_network_receive_errs_total}, …).
 *
 * <p>node_exporter 1.5 reads the counters over rtnetlink by default, which adds {@code
 * receive_nohandler}; the kernel exposes the same counter as {@code
 * /sys/class/net/<dev>/statistics/rx_nohandler}, read here when present so the family set matches.
 */
public final class NetdevCollector implements NodeCollector {
  /**
   * The device exclude pattern node_exporter 1.5 shows as default ({@code
   * --collector.netdev.device-exclude}); Alloy's own default is no filter.
   */
  public static final String DEFAULT_DEVICE_EXCLUDE = "^lo$";

  private static final String[] KEYS = {
    "receive_bytes", "receive_packets", "receive_errs", "receive_drop",
    "receive_fifo", "receive_frame", "receive_compressed", "receive_multicast",
    "transmit_bytes", "transmit_packets", "transmit_errs", "transmit_drop",
    "transmit_fifo", "transmit_colls", "transmit_carrier", "transmit_compressed",
  };

  private final HostPaths paths;
  private final DeviceFilter devices;
  private final boolean addressInfo;

  /**
   * Reads {@code net/dev} under {@code paths.procfs()}.
   *
   * @param devices Alloy's {@code device_include} / {@code device_exclude}
   * @param addressInfo Alloy's {@code address_info}: also write {@code node_network_address_info}
   */
  public NetdevCollector(HostPaths paths, DeviceFilter devices, boolean addressInfo) {
    this.paths = paths;
    this.devices = devices;
    this.addressInfo = addressInfo;
  }

  @Override
  public String name() {
    return "netdev";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    List<String> lines = ProcText.lines(HostFiles.readWhole(paths.proc("net", "dev")));
    MetricSink.Family[] families = new MetricSink.Family[KEYS.length];
    for (int k = 0; k < KEYS.length; k++) {
      families[k] =
          sink.family(
              "node_network_" + KEYS[k] + "_total",
              MetricType.COUNTER,
              "Network device statistic " + KEYS[k] + ".");
    }
    MetricSink.Family nohandler = null;
    for (int i = 2; i < lines.size(); i++) {
      String line = lines.get(i);
      int colon = line.lastIndexOf(':');
      if (colon < 0) {
        continue;
      }
      String device = line.substring(0, colon).strip();
      if (devices.ignored(device)) {
        continue;
      }
      String[] f = ProcText.fields(line.substring(colon + 1));
      if (f.length < KEYS.length) {
        throw new IOException(
            "failed to parse /proc/net/dev: " + device + " has " + f.length + " fields");
      }
      for (int k = 0; k < KEYS.length; k++) {
        families[k].add(ProcText.u64(f[k]), "device", device);
      }
      String rxNoHandler;
      try {
        rxNoHandler =
            HostFiles.readWhole(paths.sys("class", "net", device, "statistics", "rx_nohandler"))
                .strip();
      } catch (NoSuchFileException e) {
        continue;
      } catch (IOException e) {
        continue; // device went away between the two reads
      }
      if (nohandler == null) {
        nohandler =
            sink.family(
                "node_network_receive_nohandler_total",
                MetricType.COUNTER,
                "Network device statistic receive_nohandler.");
      }
      nohandler.add(ProcText.u64(rxNoHandler), "device", device);
    }
    if (addressInfo) {
      addressInfo(sink);
    }
  }

  private static void addressInfo(MetricSink sink) throws IOException {
    MetricSink.Family info =
        sink.family(
            "node_network_address_info", MetricType.GAUGE, "node network address by device");
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InterfaceAddress a : nic.getInterfaceAddresses()) {
        InetAddress ip = a.getAddress();
        info.add(
            1,
            "device",
            nic.getName(),
            "address",
            GoIp.format(ip.getAddress()),
            "netmask",
            Integer.toString(a.getNetworkPrefixLength()),
            "scope",
            scope(ip));
      }
    }
  }

  /** node_exporter's {@code scope(net.IP)}. */
  static String scope(InetAddress ip) {
    if (ip.isLoopbackAddress() || ip.isLinkLocalAddress() || ip.isMCLinkLocal()) {
      return "link-local";
    }
    if (ip.isMCNodeLocal()) {
      return "interface-local";
    }
    if (!ip.isMulticastAddress() && !ip.isAnyLocalAddress()) {
      return "global";
    }
    return "";
  }
}
