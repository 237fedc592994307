package dev.jalloy.service.logging;

import dev.jalloy.syntax.go.GoDuration;
import dev.jalloy.syntax.go.GoFloat;
import dev.jalloy.syntax.go.GoQuote;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Formats a {@link LogRecord} as Alloy prints it. Alloy's lines come from Go's {@code log/slog}
 * text and JSON handlers with a replacement function ({@code internal/runtime/logging/handler.go}):
 * the time becomes {@code ts} in UTC {@code RFC3339Nano}, levels are lower case, an empty message
 * is left out and unsafe characters in keys become {@code _}. The quoting rules below are slog's,
 * so a line parses the same way with the tools people already point at Alloy's output.
 */
final class LineEncoder {
  private LineEncoder() {}

  /** {@code ts=... level=... msg="..." key=value ...} and a newline. */
  static String logfmt(LogRecord record) {
    StringBuilder sb = new StringBuilder(128);
    sb.append("ts=");
    appendTime(sb, record.time());
    sb.append(" level=").append(record.level().text());
    if (!record.message().isEmpty()) {
      sb.append(" msg=");
      appendLogfmtValue(sb, record.message());
    }
    for (LogRecord.Field f : record.fields()) {
      sb.append(' ');
      appendLogfmtValue(sb, safeKey(f.key()));
      sb.append('=');
      appendLogfmtValue(sb, text(f.value()));
    }
    return sb.append('\n').toString();
  }

  /** {@code {"ts":"...","level":"...","msg":"...","key":value,...}} and a newline. */
  static String json(LogRecord record) {
    StringBuilder sb = new StringBuilder(160);
    sb.append("{\"ts\":\"");
    appendTime(sb, record.time());
    sb.append("\",\"level\":\"").append(record.level().text()).append('"');
    if (!record.message().isEmpty()) {
      sb.append(",\"msg\":");
      appendJsonString(sb, record.message());
    }
    for (LogRecord.Field f : record.fields()) {
      sb.append(',');
      appendJsonString(sb, safeKey(f.key()));
      sb.append(':');
      appendJsonValue(sb, f.value());
    }
    return sb.append("}\n").toString();
  }

  /**
   * Go's {@code time.RFC3339Nano} in UTC: the fraction has its trailing zeros trimmed and is left
   * out entirely on a whole second ({@code 2026-11-23T13:27:11.1234Z}, {@code ...:11Z}).
   */
  static void appendTime(StringBuilder sb, Instant time) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
    pad(sb, t.getYear(), 4).append('-');
    pad(sb, t.getMonthValue(), 2).append('-');
    pad(sb, t.getDayOfMonth(), 2).append('T');
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2).append(':');
    pad(sb, t.getSecond(), 2);
    int nanos = time.getNano();
    if (nanos != 0) {
      String digits = String.format("%09d", nanos);
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(digits, 0, end);
    }
    sb.append('Z');
  }

  private static StringBuilder pad(StringBuilder sb, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }

  /** Alloy trims keys and replaces the characters that would break a logfmt key with {@code _}. */
  static String safeKey(String key) {
    String k = key.strip();
    StringBuilder sb = null;
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      boolean unsafe =
          c == ' ' || c == '=' || c == '"' || c == '\t' || c == '\n' || c == 0x0B || c == '\f'
              || c == '\r';
      if (unsafe && sb == null) {
        sb = new StringBuilder(k.length()).append(k, 0, i);
      }
      if (sb != null) {
        sb.append(unsafe ? '_' : c);
      }
    }
    return sb == null ? k : sb.toString();
  }

  /** How slog's text handler shows a value: Go's {@code %v}-like text for each kind. */
  static String text(Object value) {
    return switch (value) {
      case null -> "<nil>";
      case String s -> s;
      case Duration d -> GoDuration.format(d);
      case Double d -> GoFloat.format(d, 'g', -1);
      case Float f -> GoFloat.format(f, 'g', -1);
      case Throwable t -> describe(t);
      default -> String.valueOf(value);
    };
  }

  /** The {@code err} text of an exception: its type and message, like {@code toString()}. */
  static String describe(Throwable t) {
    return t.toString();
  }

  /** slog's text handler: bare when safe, otherwise Go-quoted ({@code strconv.Quote}). */
  private static void appendLogfmtValue(StringBuilder sb, String s) {
    if (needsQuoting(s)) {
      sb.append(GoQuote.quote(s));
    } else {
      sb.append(s);
    }
  }

  /**
   * slog's {@code needsQuoting}: empty strings, spaces, {@code =}, {@code "}, control characters
   * and any non-printable or space rune outside ASCII. A backslash alone does not force quotes.
   */
  static boolean needsQuoting(String s) {
    if (s.isEmpty()) {
      return true;
    }
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      if (r < 0x80) {
        if (r != '\\' && (r == ' ' || r == '=' || r == '"' || r < 0x20)) {
          return true;
        }
      } else if (Character.isSurrogate((char) r)
          || Character.isWhitespace(r)
          || !GoQuote.isPrint(r)) {
        return true; // a lone surrogate is Go's RuneError, which is quoted too
      }
      i += Character.charCount(r);
    }
    return false;
  }

  private static void appendJsonValue(StringBuilder sb, Object value) {
    switch (value) {
      case null -> sb.append("null");
      case Boolean b -> sb.append(b);
      case Integer i -> sb.append(i);
      case Long l -> sb.append(l);
      case Short s -> sb.append(s);
      case Byte b -> sb.append(b);
      case BigInteger b -> sb.append(b);
      // slog's JSON handler writes durations as integer nanoseconds.
      case Duration d -> sb.append(nanos(d));
      case Double d when Double.isFinite(d) -> sb.append(jsonFloat(d));
      case Float f when Float.isFinite(f) -> sb.append(jsonFloat(f));
      default -> appendJsonString(sb, text(value));
    }
  }

  private static long nanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE; // Go's durations saturate too
    }
  }

  /** encoding/json's float layout: plain decimals, exponent only for very small or large. */
  private static String jsonFloat(double d) {
    double abs = Math.abs(d);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      String e = GoFloat.format(d, 'e', -1);
      // encoding/json shortens e-09 to e-9
      int n = e.length();
      if (n >= 4 && e.charAt(n - 4) == 'e' && e.charAt(n - 3) == '-' && e.charAt(n - 2) == '0') {
        e = e.substring(0, n - 2) + e.charAt(n - 1);
      }
      return e;
    }
    return GoFloat.format(d, 'f', -1);
  }

  /**
   * slog's JSON string escaping: quotes, backslashes and control characters are escaped; {@code < >
   * &} are not (slog does not HTML-escape); U+2028 and U+2029 are, for JavaScript's sake; a lone
   * surrogate becomes U+FFFD, as Go replaces invalid UTF-8.
   */
  static void appendJsonString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\u2028' -> sb.append("\\u2028");
        case '\u2029' -> sb.append("\\u2029");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(hex(c & 0xF));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static char hex(int v) {
    return Character.forDigit(v, 16);
  }
}
