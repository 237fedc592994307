package dev.jalloy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A txtar archive (golang.org/x/tools/txtar), the format of Alloy's validator test data: a comment,
 * then files, each introduced by a line {@code -- name --}.
 */
record Txtar(String comment, Map<String, byte[]> files) {
  private static final Pattern MARKER = Pattern.compile("(?m)^-- (.+?) --[ \\t]*\\r?$\\n?");

  static Txtar read(Path path) throws IOException {
    String text = Files.readString(path, StandardCharsets.UTF_8);
    Matcher m = MARKER.matcher(text);
    Map<String, byte[]> files = new LinkedHashMap<>();
    String comment = null;
    String name = null;
    int from = 0;
    while (m.find()) {
      if (name == null) {
        comment = text.substring(0, m.start());
      } else {
        files.put(name, text.substring(from, m.start()).getBytes(StandardCharsets.UTF_8));
      }
      name = m.group(1);
      from = m.end();
    }
    if (name == null) {
      return new Txtar(text, files);
    }
    files.put(name, text.substring(from).getBytes(StandardCharsets.UTF_8));
    return new Txtar(comment, files);
  }
}
