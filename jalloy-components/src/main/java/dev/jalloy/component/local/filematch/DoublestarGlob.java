package dev.jalloy.component.local.filematch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The glob syntax of Go's {@code github.com/bmatcuk/doublestar/v4}, which Alloy uses for {@code
 * __path__}: {@code **} as a whole path element matches any number of directories, {@code *} and
 * {@code ?} stay within one element, {@code [...]} (negated with {@code !} or {@code ^}), {@code
 * {a,b}} alternatives (nestable) and {@code \} escapes.
 *
 * <p>Expansion walks the tree below the pattern's literal prefix once and matches each path against
 * one regular expression, instead of doublestar's element-by-element descent: simpler, and for
 * patterns without {@code **} the walk is cut at the pattern's depth. Symbolic links to directories
 * are not followed under {@code **}, so a link loop cannot make the walk endless.
 */
public final class DoublestarGlob {
  private static final String META = "*?[{\\";

  private final String pattern;
  private final Pattern regex;
  private final Path base;
  private final int maxDepth;

  private DoublestarGlob(String pattern, Pattern regex, Path base, int maxDepth) {
    this.pattern = pattern;
    this.regex = regex;
    this.base = base;
    this.maxDepth = maxDepth;
  }

  /**
   * Compiles {@code pattern}.
   *
   * @throws IllegalArgumentException when it is malformed (doublestar's {@code ErrBadPattern})
   */
  public static DoublestarGlob compile(String pattern) {
    String clean = pattern.replaceAll("/+", "/");
    String[] elements = clean.split("/", -1);
    int literal = 0;
    while (literal < elements.length - 1 && !hasMeta(elements[literal])) {
      literal++;
    }
    String prefix = String.join("/", java.util.Arrays.copyOf(elements, literal));
    Path base =
        clean.startsWith("/") && prefix.isEmpty()
            ? Path.of("/")
            : Path.of(prefix.isEmpty() ? "." : unescape(prefix));
    // "**" and alternatives that hold a "/" reach any depth; anything else stops at its own.
    boolean unbounded = clean.contains("**") || clean.matches(".*\\{[^}]*/.*");
    int depth = unbounded ? Integer.MAX_VALUE : elements.length - literal;
    try {
      return new DoublestarGlob(pattern, Pattern.compile(toRegex(clean)), base, depth);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("syntax error in pattern", e);
    }
  }

  /** The pattern as written. */
  public String pattern() {
    return pattern;
  }

  /** Whether a path, as a slash-separated string, matches the whole pattern. */
  public boolean matches(String path) {
    return regex.matcher(path).matches();
  }

  /**
   * The existing paths that match, in walk order, with the same relative or absolute form as the
   * pattern. Unreadable directories are skipped, as doublestar skips them.
   */
  public List<Path> expand() {
    List<Path> out = new ArrayList<>();
    if (maxDepth == 0 || !Files.exists(base)) {
      return out;
    }
    boolean relative = base.toString().equals(".");
    try {
      Files.walkFileTree(
          base,
          EnumSet.noneOf(java.nio.file.FileVisitOption.class),
          maxDepth,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              check(dir);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              check(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE; // permission denied, vanished while walking
            }

            private void check(Path p) {
              String s = relative ? base.relativize(p).toString() : p.toString();
              if (!s.isEmpty() && matches(s)) {
                out.add(relative ? Path.of(s) : p);
              }
            }
          });
    } catch (IOException e) {
      // the base vanished between the check and the walk: nothing matches
    }
    return out;
  }

  static boolean hasMeta(String s) {
    return s.chars().anyMatch(c -> META.indexOf(c) >= 0);
  }

  private static String unescape(String s) {
    return s.replaceAll("\\\\(.)", "$1");
  }

  /** Translates a whole pattern; {@code **} elements may match zero elements. */
  static String toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    int braces = 0;
    int i = 0;
    int n = glob.length();
    while (i < n) {
      char c = glob.charAt(i);
      boolean elementStart = i == 0 || glob.charAt(i - 1) == '/';
      if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*' && elementStart) {
        int end = i + 2;
        if (end == n) {
          re.append(".*"); // trailing "**": everything below, the directory itself included
          i = end;
          continue;
        }
        if (glob.charAt(end) == '/') {
          re.append("(?:[^/]*/)*"); // "**/": zero or more directories
          i = end + 1;
          continue;
        }
      }
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '\\' -> {
          if (i + 1 >= n) {
            throw new IllegalArgumentException("syntax error in pattern");
          }
          i++;
          re.append(Pattern.quote(String.valueOf(glob.charAt(i))));
        }
        case '[' -> i = charClass(glob, i + 1, re) - 1;
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces == 0) {
            re.append("\\}");
          } else {
            braces--;
            re.append(')');
          }
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    if (braces != 0) {
      throw new IllegalArgumentException("syntax error in pattern");
    }
    return re.toString();
  }

  /** Copies a class after its {@code [}; returns the index after its {@code ]}. */
  private static int charClass(String glob, int start, StringBuilder re) {
    int i = start;
    re.append('[');
    if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
      re.append('^');
      i++;
    }
    boolean first = true;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == ']' && !first) {
        re.append(']');
        return i + 1;
      }
      if (c == '\\' && i + 1 < glob.length()) {
        i++;
        c = glob.charAt(i);
      }
      if (c == '-' && !first && i + 1 < glob.length() && glob.charAt(i + 1) != ']') {
        re.append('-');
      } else {
        re.append("\\x{").append(Integer.toHexString(c)).append('}');
      }
      first = false;
      i++;
    }
    throw new IllegalArgumentException("syntax error in pattern");
  }
}
