package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsCollectorTest {
  @TempDir Path root;

  private OsCollector collector() {
    return new OsCollector(new HostPaths(Path.of("/proc"), Path.of("/sys"), root, Path.of("/u")));
  }

  @Test
  void infoAndVersionFromEtcOsRelease() throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(
        root.resolve("etc/os-release"),
        """
        # a comment
        PRETTY_NAME="Ubuntu 22.04.4 LTS"
        NAME="Ubuntu"
        VERSION_ID="22.04"
        VERSION="22.04.4 LTS (Jammy Jellyfish)"
        VERSION_CODENAME=jammy
        ID=ubuntu
        ID_LIKE='debian'
        """);
    assertThat(Expositions.collect(collector()))
        .contains(
            "node_os_info{build_id=\"\",id=\"ubuntu\",id_like=\"debian\",image_id=\"\","
                + "image_version=\"\",name=\"Ubuntu\",pretty_name=\"Ubuntu 22.04.4 LTS\","
                + "variant=\"\",variant_id=\"\",version=\"22.04.4 LTS (Jammy Jellyfish)\","
                + "version_codename=\"jammy\",version_id=\"22.04\"} 1\n")
        .contains("node_os_version{id=\"ubuntu\",id_like=\"debian\",name=\"Ubuntu\"} 22.04\n");
  }

  @Test
  void fallsBackToUsrLibAndOmitsVersionForRollingReleases() throws Exception {
    Files.createDirectories(root.resolve("usr/lib"));
    Files.writeString(root.resolve("usr/lib/os-release"), "NAME=\"Arch Linux\"\nID=arch\n");
    assertThat(Expositions.collect(collector()))
        .contains("id=\"arch\"")
        .contains("name=\"Arch Linux\"")
        .doesNotContain("node_os_version");
  }

  @Test
  void noFileMeansNoData() {
    assertThatThrownBy(() -> Expositions.collect(collector())).isInstanceOf(NoDataException.class);
  }
}
