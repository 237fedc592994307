package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings and stateful behaviour the single-scrape fixture comparison does not reach. */
class CollectorBehaviourTest {
  @TempDir Path root;

  private HostPaths host() {
    return CollectorHarness.paths(root);
  }

  private void write(String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, UTF_8);
  }

  @Test
  void cpuHoldsCountersThatGoBackwardsAndResetsOnAnIdleJump() throws Exception {
    CpuCollector cpu = new CpuCollector(host(), false, false, Optional.empty(), Optional.empty());
    write("proc/stat", "cpu  1 1 1 1 1 1 1 1 0 0\ncpu0 500 0 0 1000 0 0 0 0 0 0\n");
    CollectorHarness.render(cpu);
    // user goes back by 1 tick: held; idle goes back by 1 s: held (below the 3 s jump)
    write("proc/stat", "cpu  1 1 1 1 1 1 1 1 0 0\ncpu0 499 0 0 900 0 0 0 0 0 0\n");
    String held = CollectorHarness.render(cpu);
    assertThat(held).contains("node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 5\n");
    assertThat(held).contains("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 10\n");
    // idle back by 5 s: a hotplug, the CPU starts over
    write("proc/stat", "cpu  1 1 1 1 1 1 1 1 0 0\ncpu0 200 0 0 400 0 0 0 0 0 0\n");
    String reset = CollectorHarness.render(cpu);
    assertThat(reset).contains("node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 2\n");
    assertThat(reset).contains("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 4\n");
    assertThat(reset)
        .doesNotContain("node_cpu_guest_seconds_total")
        .doesNotContain("node_cpu_info");
  }

  @Test
  void cpuFillsOfflineCpusWithZeros() throws Exception {
    write("proc/stat", "cpu  1 1 1 1 1 1 1 1 0 0\ncpu0 100 0 0 0 0 0 0 0 0 0\ncpu2 300 0 0 0\n");
    String out =
        CollectorHarness.render(
            new CpuCollector(host(), false, false, Optional.empty(), Optional.empty()));
    assertThat(out)
        .contains("node_cpu_seconds_total{cpu=\"1\",mode=\"user\"} 0\n")
        .contains("node_cpu_seconds_total{cpu=\"2\",mode=\"user\"} 3\n");
  }

  @Test
  void ipvsSumsBackendsThatShareTheKeptLabels() throws Exception {
    Path fixtures = CollectorHarness.fixtures().resolve("proc/net");
    write("proc/net/ip_vs_stats", Files.readString(fixtures.resolve("ip_vs_stats")));
    write("proc/net/ip_vs", Files.readString(fixtures.resolve("ip_vs")));
    String out = CollectorHarness.render(new IpvsCollector(host(), List.of("proto", "local_port")));
    assertThat(out)
        .contains("node_ipvs_backend_connections_active{local_port=\"3306\",proto=\"TCP\"} 3741\n")
        .contains("node_ipvs_backend_weight{local_port=\"0\",proto=\"FWM\"} 100\n");
    assertThatThrownBy(() -> new IpvsCollector(host(), List.of("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void netdevAddsNohandlerFromSysfsAndFiltersDevices() throws Exception {
    write(
        "proc/net/dev",
        """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo: 10 1 0 0 0 0 0 0 10 1 0 0 0 0 0 0
        eth0: 18446744073709551615 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
          docker0: 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
        """);
    write("sys/class/net/eth0/statistics/rx_nohandler", "17\n");
    String out =
        CollectorHarness.render(
            new NetdevCollector(
                host(),
                new DeviceFilter(Optional.of(Pattern.compile("^(eth|lo)")), Optional.empty()),
                false));
    assertThat(out)
        .contains("node_network_receive_bytes_total{device=\"eth0\"} 1.8446744073709552e+19\n")
        .contains("node_network_transmit_compressed_total{device=\"eth0\"} 16\n")
        .contains("node_network_receive_nohandler_total{device=\"eth0\"} 17\n")
        .contains("node_network_receive_bytes_total{device=\"lo\"} 10\n")
        .doesNotContain("docker0")
        .doesNotContain("node_network_receive_nohandler_total{device=\"lo\"}");
  }

  @Test
  void netstatAndVmstatFollowTheirFieldPatterns() throws Exception {
    write("proc/net/netstat", "TcpExt: SyncookiesSent Foo\nTcpExt: 1 2\n");
    write("proc/net/snmp", "Udp: InDatagrams NoPorts\nUdp: 3 4\n");
    String netstat =
        CollectorHarness.render(
            new NetstatCollector(host(), Pattern.compile("^TcpExt_Foo$|NoPorts")));
    assertThat(netstat)
        .isEqualTo(
            """
            # HELP node_netstat_TcpExt_Foo Statistic TcpExtFoo.
            # TYPE node_netstat_TcpExt_Foo untyped
            node_netstat_TcpExt_Foo 2
            # HELP node_netstat_Udp_NoPorts Statistic UdpNoPorts.
            # TYPE node_netstat_Udp_NoPorts untyped
            node_netstat_Udp_NoPorts 4
            """);
    write("proc/net/snmp", "Udp: InDatagrams NoPorts\nUdp: 3\n");
    assertThatThrownBy(
            () -> CollectorHarness.render(new NetstatCollector(host(), Pattern.compile(".*"))))
        .hasMessageContaining("mismatch");
    write("proc/vmstat", "nr_free_pages 5\npgfault 7\n");
    assertThat(CollectorHarness.render(new VmstatCollector(host(), Pattern.compile("^nr_"))))
        .isEqualTo(
            """
            # HELP node_vmstat_nr_free_pages /proc/vmstat information field nr_free_pages.
            # TYPE node_vmstat_nr_free_pages untyped
            node_vmstat_nr_free_pages 5
            """);
  }

  @Test
  void diskstatsIncludeOverridesTheDefaultExclude() throws Exception {
    write(
        "proc/diskstats",
        "   7       0 loop0 1 2 3 4 5 6 7 8 9 10 11\n   8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n");
    String out =
        CollectorHarness.render(
            new DiskstatsCollector(
                host(), new DeviceFilter(Optional.of(Pattern.compile("^loop")), Optional.empty())));
    assertThat(out)
        .contains("node_disk_read_bytes_total{device=\"loop0\"} 1536\n")
        .doesNotContain("sda");
  }

  @Test
  void meminfoRejectsLinesWithExtraFields() throws Exception {
    write("proc/meminfo", "MemTotal: 1 kB extra\n");
    assertThatThrownBy(() -> CollectorHarness.render(new MeminfoCollector(host())))
        .hasMessageContaining("invalid line in meminfo");
  }

  @Test
  void arpDeviceExclude() throws Exception {
    write(
        "proc/net/arp",
        "IP address HW type Flags HW address Mask Device\n"
            + "10.0.0.1 0x1 0x2 aa:bb:cc:dd:ee:ff * eth0\n"
            + "10.0.0.2 0x1 0x2 aa:bb:cc:dd:ee:fe * wlan0\n");
    assertThat(
            CollectorHarness.render(
                new ArpCollector(
                    host(),
                    new DeviceFilter(Optional.empty(), Optional.of(Pattern.compile("^wlan"))))))
        .contains("node_arp_entries{device=\"eth0\"} 1\n")
        .doesNotContain("wlan0");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "0, 0",
    "9007199254740993, 9007199254740992",
    "18446744073709551615, 18446744073709551616",
    "18446744073709550591, 18446744073709549568",
    "18446744073709550592, 18446744073709551616",
    "9223372036854775809, 9223372036854775808",
  })
  void unsignedConversionRoundsLikeGo(String input, String expected) {
    double d = ProcText.u64(input);
    assertThat(new java.math.BigDecimal(d).toBigInteger()).isEqualTo(new BigInteger(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "C0A80016, 192.168.0.22",
    "26200000000000000000000000000001, 2620::1",
    "00000000000000000000000000000000, ::",
    "00000000000000000000ffffc0a80001, 192.168.0.1",
    "20010db8000000010000000000000001, 2001:db8:0:1::1",
    "20010db8000000000001000000000000, 2001:db8:0:0:1::",
    "fe800000000000000000000000000001, fe80::1",
  })
  void ipsPrintAsGoPrintsThem(String hex, String expected) {
    assertThat(GoIp.format(java.util.HexFormat.of().parseHex(hex))).isEqualTo(expected);
  }

  @Test
  void fieldsSplitsLikeGo() {
    assertThat(ProcText.fields("  a\tb  c \n")).containsExactly("a", "b", "c");
    assertThat(ProcText.fields("   ")).isEmpty();
  }
}
