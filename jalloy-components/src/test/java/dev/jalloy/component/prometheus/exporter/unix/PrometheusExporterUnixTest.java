package dev.jalloy.component.prometheus.exporter.unix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.HttpHandlerProvider.HttpResponse;
import dev.jalloy.component.prometheus.exporter.Exporter;
import dev.jalloy.syntax.decode.Decoded;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.testkit.ComponentHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusExporterUnixTest {
  private static Decoded<PrometheusExporterUnix.Arguments> decode(String body) {
    return ComponentHarness.decode(
        PrometheusExporterUnix.REGISTRATION, "prometheus.exporter.unix \"t\" {\n" + body + "\n}");
  }

  private static List<String> errors(String body) {
    return decode(body).diagnostics().asList().stream().map(Diagnostic::message).toList();
  }

  @Test
  void anEmptyBlockHasNodeExportersDefaults() {
    PrometheusExporterUnix.Arguments a = decode("").value().orElseThrow();
    assertThat(a).isEqualTo(PrometheusExporterUnix.Arguments.defaults());
    assertThat(a.hostPaths()).isEqualTo(HostPaths.defaults());
    assertThat(a.filesystem().mountTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(a.filesystem().mountPointsExclude())
        .isEqualTo("^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+)($|/)");
    assertThat(a.disk().deviceExclude())
        .isEqualTo("^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$");
    assertThat(a.vmstat().fields()).isEqualTo("^(oom_kill|pgpg|pswp|pg.*fault).*");
    assertThat(a.ntp().maxDistance()).isEqualTo(Duration.ofNanos(3_466_080_000L));
    assertThat(a.systemd().unitExclude()).isEqualTo(".+\\.(automount|device|mount|scope|slice)");
    assertThat(a.textfile().directory()).isEmpty();
    assertThat(a.ipvs().backendLabels()).hasSize(6);
  }

  @Test
  void everyArgumentAndBlockDecodes() {
    PrometheusExporterUnix.Arguments a =
        decode(
                """
                set_collectors           = ["cpu", "meminfo"]
                enable_collectors        = ["processes"]
                disable_collectors       = ["meminfo"]
                include_exporter_metrics = true
                procfs_path              = "/host/proc"
                sysfs_path               = "/host/sys"
                rootfs_path              = "/host/root"
                udev_data_path           = "/host/udev"
                arp { device_exclude = "^lo$"
                      netlink = true }
                bcache { priority_stats = true }
                cpu { guest = true
                      info = true
                      flags_include = "^(aes|avx.?)$"
                      bugs_include = "^spectre" }
                disk { device_include = "^sd[a-z]$" }
                ethtool { metrics_include = "^rx_" }
                filesystem { mount_timeout = "2s"
                             fs_types_exclude = "^tmpfs$"
                             mount_points_exclude = "^/boot" }
                hwmon { chip_exclude = "^acpi" }
                ipvs { backend_labels = ["proto"] }
                netclass { ignored_devices = "^veth"
                           ignore_invalid_speed_device = true }
                netdev { device_exclude = "^veth"
                         address_info = true }
                netstat { fields = ".*" }
                ntp { server = "10.0.0.1"
                      protocol_version = 3
                      server_is_local = true
                      ip_ttl = 2
                      max_distance = "1s"
                      local_offset_tolerance = "5ms" }
                perf { cpus = "0-3"
                       tracepoint = ["sched:sched_switch"]
                       disable_cache_profilers = true }
                powersupply { ignored_supplies = "^AC" }
                runit { service_dir = "/run/runit" }
                supervisord { url = "http://127.0.0.1:9001/RPC2" }
                sysctl { include = ["vm.swappiness"] }
                systemd { unit_include = "^ssh"
                          start_time = true }
                tapestats { ignored_devices = "^st1" }
                textfile { directory = "/var/lib/node_exporter" }
                vmstat { fields = "^pg" }
                """)
            .value()
            .orElseThrow();
    assertThat(a.setCollectors()).containsExactly("cpu", "meminfo");
    assertThat(a.hostPaths().rootfs()).hasToString("/host/root");
    assertThat(a.hostPaths().udevData()).hasToString("/host/udev");
    assertThat(a.includeExporterMetrics()).isTrue();
    assertThat(a.arp().netlink()).isTrue();
    assertThat(a.filesystem().mountTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(a.filesystem().fsTypesExclude()).isEqualTo("^tmpfs$");
    assertThat(a.ntp().localOffsetTolerance()).isEqualTo(Duration.ofMillis(5));
    assertThat(a.perf().tracepoints()).containsExactly("sched:sched_switch");
    assertThat(a.systemd().startTime()).isTrue();
    assertThat(a.systemd().unitExclude()).as("unset keeps the default").endsWith("slice)");
    assertThat(a.textfile().directory()).isEqualTo("/var/lib/node_exporter");
    assertThat(CollectorSelection.select(a).enabled()).containsExactly("cpu", "processes");
  }

  @Test
  void aBadRegexIsAConfigurationErrorNamingTheAttribute() {
    assertThat(errors("filesystem { mount_points_exclude = \"^/(dev\" }"))
        .singleElement()
        .asString()
        .contains("invalid regex for mount_points_exclude \"^/(dev\"")
        .contains("missing closing )");
    assertThat(errors("netstat { fields = \"[z-a]\" }"))
        .singleElement()
        .asString()
        .contains("invalid regex for fields");
  }

  @Test
  void otherConfigurationErrorsAreReportedTogether() {
    assertThat(
            errors(
                """
                arp { device_include = "eth0"
                      device_exclude = "lo" }
                filesystem { mount_timeout = "0s" }
                no_such_thing = 1
                """))
        .containsExactlyInAnyOrder(
            "device_include and device_exclude are mutually exclusive",
            "mount_timeout must be greater than 0",
            "unrecognized attribute name \"no_such_thing\"");
  }

  @Test
  void exportsTheUnixTargetAndServesMetrics() throws Exception {
    try (var h =
        ComponentHarness.start(
            PrometheusExporterUnix.REGISTRATION,
            "prometheus.exporter.unix \"default\" { set_collectors = [\"uname\", \"os\"] }")) {
      assertThat(h.exports(Exporter.Exports.class).targets())
          .containsExactly(
              Map.of(
                  "__address__", "alloy.internal:12345",
                  "__scheme__", "http",
                  "__metrics_path__", "/api/v0/component/prometheus.exporter.unix.default/metrics",
                  "instance", Exporter.defaultInstance(),
                  "job", "integrations/unix",
                  "__meta_component_name", "prometheus.exporter.unix",
                  "__meta_component_id", "prometheus.exporter.unix.default"));
      HttpResponse response = h.http("GET", "/metrics");
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.contentType()).isEqualTo(ExpositionWriter.CONTENT_TYPE);
      String text = new String(response.body(), StandardCharsets.UTF_8);
      assertThat(text)
          .contains("node_uname_info{")
          .contains("node_scrape_collector_success{collector=\"uname\"} 1")
          .contains("node_scrape_collector_success{collector=\"os\"}")
          .doesNotContain("collector=\"filesystem\"")
          .doesNotContain("process_cpu_seconds_total");
      assertThat(h.http("GET", "/other").status()).isEqualTo(404);

      h.update(
          "prometheus.exporter.unix \"default\" {\n"
              + "  set_collectors = [\"uname\"]\n"
              + "  include_exporter_metrics = true\n"
              + "}");
      String updated = new String(h.http("GET", "/metrics").body(), StandardCharsets.UTF_8);
      assertThat(updated).contains("process_cpu_seconds_total").doesNotContain("collector=\"os\"");
    }
  }

  @Test
  void unknownCollectorsAreIgnoredWithAWarning() throws Exception {
    try (var h =
        ComponentHarness.start(
            PrometheusExporterUnix.REGISTRATION,
            "prometheus.exporter.unix \"default\" { enable_collectors = [\"nosuch\"] }")) {
      assertThat(h.logs()).anySatisfy(l -> assertThat(l).contains("level=warn").contains("nosuch"));
    }
  }
}
