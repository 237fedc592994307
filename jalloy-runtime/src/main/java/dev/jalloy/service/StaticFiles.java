package dev.jalloy.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The web UI's files, read from the classpath under {@code dev/jalloy/service/ui/}. Whatever is
 * there is served; the UI is a single-page application, so unknown paths get {@code index.html} and
 * its router decides.
 */
final class StaticFiles {
  static final String ROOT = "dev/jalloy/service/ui/";

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("webp", "image/webp"),
          Map.entry("woff", "font/woff"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("ttf", "font/ttf"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("wasm", "application/wasm"));

  /**
   * A file to send.
   *
   * @param contentType its content type
   * @param body its bytes
   */
  record File(String contentType, byte[] body) {}

  private final ClassLoader loader;

  StaticFiles(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * The file at {@code relative} (below the UI prefix), or {@code index.html} for paths that are
   * not files; empty when neither exists.
   */
  Optional<File> lookup(String relative) throws IOException {
    String rel = relative.startsWith("/") ? relative.substring(1) : relative;
    if (!rel.isEmpty() && safe(rel)) {
      Optional<File> f = read(rel);
      if (f.isPresent()) {
        return f;
      }
    }
    return read("index.html");
  }

  /** Resource names must not climb out of the UI directory when it is a plain directory. */
  private static boolean safe(String rel) {
    if (rel.contains("\\") || rel.endsWith("/")) {
      return false;
    }
    for (String segment : rel.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private Optional<File> read(String rel) throws IOException {
    URL url = loader.getResource(ROOT + rel);
    if (url == null || isDirectory(url)) {
      return Optional.empty();
    }
    try (InputStream in = url.openStream()) {
      return Optional.of(new File(contentType(rel), in.readAllBytes()));
    }
  }

  private static boolean isDirectory(URL url) {
    if (!url.getProtocol().equals("file")) {
      return false; // a jar entry found by name without a trailing slash is a file
    }
    try {
      return Files.isDirectory(Path.of(url.toURI()));
    } catch (URISyntaxException e) {
      return true;
    }
  }

  static String contentType(String name) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }
}
