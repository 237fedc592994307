package dev.jalloy.component.discovery.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Go's {@code filepath.Glob} as Prometheus' file discovery uses it, with patterns only in the last
 * path element ({@code *}, {@code ?}, {@code [...]}, {@code \} escapes, as {@code filepath.Match}
 * reads them). The directory part is taken literally.
 */
final class Glob {
  private static final String MAGIC = "*?[\\";

  private Glob() {}

  /** Thrown for a malformed pattern; Go's {@code filepath.ErrBadPattern}. */
  static final class BadPatternException extends Exception {
    private static final long serialVersionUID = 1L;

    BadPatternException() {
      super("syntax error in pattern");
    }
  }

  /**
   * The existing paths the pattern names, sorted by name within the directory. A pattern without
   * magic characters names itself when it exists, unchanged; matches are joined to the directory
   * and cleaned, as Go's {@code filepath.Join} does. A missing directory matches nothing.
   */
  static List<String> expand(String pattern) throws BadPatternException {
    if (!hasMeta(pattern)) {
      return Files.exists(Path.of(pattern), LinkOption.NOFOLLOW_LINKS)
          ? List.of(pattern)
          : List.of();
    }
    int slash = pattern.lastIndexOf('/');
    String dir = slash < 0 ? "" : pattern.substring(0, slash + 1);
    Pattern name = compile(pattern.substring(slash + 1));
    Path directory = dir.isEmpty() ? Path.of(".") : Path.of(dir);
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    } catch (IOException e) {
      return List.of(); // Go's Glob ignores I/O errors
    }
    names.sort(null);
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (name.matcher(n).matches()) {
        out.add(dir.isEmpty() ? n : Path.of(dir).resolve(n).normalize().toString());
      }
    }
    return out;
  }

  static boolean hasMeta(String s) {
    return s.chars().anyMatch(c -> MAGIC.indexOf(c) >= 0);
  }

  /** Translates one path element's pattern, {@code filepath.Match} syntax, to a regex. */
  static Pattern compile(String glob) throws BadPatternException {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      int c = glob.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '\\' -> {
          if (i >= glob.length()) {
            throw new BadPatternException();
          }
          int e = glob.codePointAt(i);
          i += Character.charCount(e);
          re.append(literal(e));
        }
        case '[' -> i = charClass(glob, i, re);
        default -> re.append(literal(c));
      }
    }
    return Pattern.compile(re.toString());
  }

  /** Parses a class after its {@code [}; returns the index after its {@code ]}. */
  private static int charClass(String glob, int start, StringBuilder re)
      throws BadPatternException {
    int i = start;
    re.append('[');
    if (i < glob.length() && glob.charAt(i) == '^') {
      re.append('^');
      i++;
    }
    int ranges = 0;
    while (true) {
      if (i < glob.length() && glob.charAt(i) == ']' && ranges > 0) {
        re.append(']');
        return i + 1;
      }
      int[] lo = escaped(glob, i);
      i = lo[1];
      re.append(literal(lo[0]));
      if (i < glob.length() && glob.charAt(i) == '-') {
        int[] hi = escaped(glob, i + 1);
        i = hi[1];
        if (hi[0] < lo[0]) {
          throw new BadPatternException();
        }
        re.append('-').append(literal(hi[0]));
      }
      ranges++;
    }
  }

  /** Go's {@code getEsc}: one class character, escaped or not, and the index after it. */
  private static int[] escaped(String glob, int i) throws BadPatternException {
    if (i >= glob.length() || glob.charAt(i) == '-' || glob.charAt(i) == ']') {
      throw new BadPatternException();
    }
    int c = glob.codePointAt(i);
    i += Character.charCount(c);
    if (c == '\\') {
      if (i >= glob.length()) {
        throw new BadPatternException();
      }
      c = glob.codePointAt(i);
      i += Character.charCount(c);
    }
    if (i >= glob.length()) {
      throw new BadPatternException(); // a class without its closing ]
    }
    return new int[] {c, i};
  }

  private static String literal(int codePoint) {
    return "\\x{" + Integer.toHexString(codePoint) + "}";
  }
}
