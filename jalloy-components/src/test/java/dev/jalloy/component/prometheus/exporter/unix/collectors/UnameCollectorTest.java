package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UnameCollectorTest {
  private static String kernel(String file) throws Exception {
    return Files.readString(Path.of("/proc/sys/kernel", file)).strip();
  }

  @Test
  void theSystemCallAgreesWithProcSysKernel() throws Exception {
    // uname(2) and /proc/sys/kernel read the same kernel fields: two independent paths
    String expected =
        "node_uname_info{domainname=\"%s\",machine=\"%s\",nodename=\"%s\",release=\"%s\",sysname=\"%s\",version=\"%s\"} 1\n"
            .formatted(
                kernel("domainname"),
                System.getProperty("os.arch").equals("amd64") ? "x86_64" : "aarch64",
                kernel("hostname"),
                kernel("osrelease"),
                kernel("ostype"),
                kernel("version"));
    assertThat(Expositions.collect(new UnameCollector())).endsWith(expected);
  }
}
