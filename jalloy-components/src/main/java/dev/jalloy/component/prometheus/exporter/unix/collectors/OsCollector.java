package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NoDataException;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * node_exporter's {@code os} collector: {@code node_os_info} and {@code node_os_version} from
 * {@code <rootfs>/etc/os-release}, else {@code <rootfs>/usr/lib/os-release} (os_release.go).
 */
public final class OsCollector implements NodeCollector {
  private static final String[] INFO_LABELS = {
    "build_id", "BUILD_ID",
    "id", "ID",
    "id_like", "ID_LIKE",
    "image_id", "IMAGE_ID",
    "image_version", "IMAGE_VERSION",
    "name", "NAME",
    "pretty_name", "PRETTY_NAME",
    "variant", "VARIANT",
    "variant_id", "VARIANT_ID",
    "version", "VERSION",
    "version_codename", "VERSION_CODENAME",
    "version_id", "VERSION_ID",
  };
  private static final Pattern MAJOR_MINOR = Pattern.compile("^[0-9]+\\.?[0-9]*");

  private final List<Path> candidates;

  /** Reads the os-release files under the root filesystem. */
  public OsCollector(HostPaths paths) {
    this.candidates = List.of(paths.root("etc/os-release"), paths.root("usr/lib/os-release"));
  }

  @Override
  public String name() {
    return "os";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Map<String, String> release = read();
    String[] labels = new String[INFO_LABELS.length];
    for (int i = 0; i < INFO_LABELS.length; i += 2) {
      labels[i] = INFO_LABELS[i];
      labels[i + 1] = release.getOrDefault(INFO_LABELS[i + 1], "");
    }
    sink.gauge(
        "node_os_info",
        "A metric with a constant '1' value labeled by build_id, id, id_like, image_id,"
            + " image_version, name, pretty_name, variant, variant_id, version, version_codename,"
            + " version_id.",
        1,
        labels);
    Matcher m = MAJOR_MINOR.matcher(release.getOrDefault("VERSION_ID", ""));
    double version = m.find() ? Double.parseDouble(m.group()) : 0;
    if (version > 0) { // node_exporter leaves the series out for rolling releases (no VERSION_ID)
      sink.gauge(
          "node_os_version",
          "Metric containing the major.minor part of the OS version.",
          version,
          "id",
          release.getOrDefault("ID", ""),
          "id_like",
          release.getOrDefault("ID_LIKE", ""),
          "name",
          release.getOrDefault("NAME", ""));
    }
  }

  private Map<String, String> read() throws IOException {
    for (Path candidate : candidates) {
      try {
        return OsRelease.parse(HostFiles.readLines(candidate));
      } catch (NoSuchFileException e) {
        // try the next: /usr/lib/os-release is the vendor's copy /etc/os-release links to
      }
    }
    throw new NoDataException("no os-release file found: " + candidates);
  }
}
