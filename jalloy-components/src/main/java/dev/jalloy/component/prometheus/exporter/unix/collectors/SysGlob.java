package dev.jalloy.component.prometheus.exporter.unix.collectors;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Go's {@code filepath.Glob(dir + "/" + prefix + "[0-9]*")}, the pattern sysfs readers use. */
final class SysGlob {
  private SysGlob() {}

  /** Sorted names in {@code dir} made of {@code prefix} and a digit; empty when dir is absent. */
  static List<String> numbered(Path dir, String prefix) throws IOException {
    List<String> names;
    try {
      names = SysFiles.list(dir);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    List<String> matches = new ArrayList<>();
    for (String name : names) {
      if (name.length() > prefix.length()
          && name.startsWith(prefix)
          && Character.isDigit(name.charAt(prefix.length()))) {
        matches.add(name);
      }
    }
    return matches;
  }

  /** The digits that follow {@code prefix} in a name {@link #numbered} returned. */
  static String number(String name, String prefix) {
    int end = prefix.length();
    while (end < name.length() && Character.isDigit(name.charAt(end))) {
      end++;
    }
    return name.substring(prefix.length(), end);
  }
}
