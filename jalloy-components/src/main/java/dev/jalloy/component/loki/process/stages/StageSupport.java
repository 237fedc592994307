package dev.jalloy.component.loki.process.stages;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.jalloy.component.loki.process.PipelineEntry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What several stages share, following Alloy's {@code stages/util.go}: turning extracted values
 * into strings as Go's {@code getString} does, label checks, Go's JSON string quoting and RFC 3339
 * parsing.
 */
final class StageSupport {
  private StageSupport() {}

  private static final java.util.regex.Pattern RFC3339 =
      java.util.regex.Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  /**
   * An extracted value as a string, as Alloy's {@code getString}: strings as they are, numbers in
   * decimal (floats in their shortest form, never with an exponent), booleans as {@code
   * true}/{@code false}; empty for anything else (null, lists, maps), which the stage then skips.
   */
  static Optional<String> asString(Object value) {
    return switch (value) {
      case String s -> Optional.of(s);
      case Double d -> Optional.of(formatFloat(d));
      case Float f -> Optional.of(formatFloat(f.doubleValue()));
      case Long l -> Optional.of(Long.toString(l));
      case Integer i -> Optional.of(Integer.toString(i));
      case Boolean b -> Optional.of(b ? "true" : "false");
      case null, default -> Optional.empty();
    };
  }

  /** Go's {@code strconv.FormatFloat(d, 'f', -1, 64)}. */
  static String formatFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d) < 0 ? "-0" : "0";
    }
    // Double.toString is the shortest representation that round-trips, as Go's -1 precision.
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  /** Prometheus' legacy label name rule, {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
  static boolean validLabelName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          c == '_'
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether a label value is valid UTF-8: a Java string is, unless it holds a lone surrogate. */
  static boolean validLabelValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The text a stage with a {@code source} argument works on: the line when there is no source,
   * otherwise the extracted value as a string; empty when the key is missing or not convertible, in
   * which case the stage does nothing.
   */
  static Optional<String> input(PipelineEntry entry, Optional<String> source) {
    if (source.isEmpty()) {
      return Optional.of(entry.line);
    }
    String key = source.get();
    if (!entry.extracted.containsKey(key)) {
      return Optional.empty();
    }
    return asString(entry.extracted.get(key));
  }

  /** Compiles an RE2 expression, with the error text Alloy gives. */
  static Pattern compile(String expression, String what) {
    try {
      return Pattern.compile(expression);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
  }

  /** Go's {@code time.Parse(time.RFC3339Nano, s)} as Unix nanoseconds, empty when it fails. */
  static OptionalLong parseRfc3339Nano(String s) {
    long nanos = rfc3339Fast(s);
    return nanos != NOT_FAST ? OptionalLong.of(nanos) : rfc3339JavaTime(s);
  }

  /** As {@link #parseRfc3339Nano}, with {@code orElse} when it fails: nothing boxed per line. */
  static long parseRfc3339Nano(String s, long orElse) {
    long nanos = rfc3339Fast(s);
    return nanos != NOT_FAST ? nanos : rfc3339JavaTime(s).orElse(orElse);
  }

  /** What {@link #rfc3339Fast} returns for what it leaves to {@link #rfc3339JavaTime}. */
  static final long NOT_FAST = Long.MIN_VALUE;

  /**
   * The common shape, {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)} with valid fields and a year
   * whose nanoseconds fit a long, read straight into Unix nanoseconds: {@code java.time}'s parse
   * was a tenth of a CRI pipeline's CPU. Anything else, valid or not, is {@link #NOT_FAST}; {@code
   * StageSupportTest} holds both to the same answers.
   */
  static long rfc3339Fast(String text) {
    int n = text.length();
    // the longest it reads is YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+HH:MM
    if (n < 20 || n > 35) {
      return NOT_FAST;
    }
    // Bytes, not chars: String.charAt checks the coder and the index on every read, which was most
    // of this parse. ISO-8859-1 turns any char above 0xFF into '?', which no field accepts.
    byte[] s = text.getBytes(StandardCharsets.ISO_8859_1);
    if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') {
      return NOT_FAST;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 1678
        || year > 2261
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return NOT_FAST; // also when a field held a non-digit (negative)
    }
    int i = 19;
    long fraction = 0;
    if (s[i] == '.') {
      int start = ++i;
      while (i < n && s[i] >= '0' && s[i] <= '9') {
        fraction = fraction * 10 + (s[i] - '0');
        i++;
      }
      int count = i - start;
      if (count == 0 || count > 9) {
        return NOT_FAST;
      }
      for (int k = count; k < 9; k++) {
        fraction *= 10;
      }
    }
    int offsetSeconds;
    if (i == n - 1 && s[i] == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if (oh < 0 || om < 0 || om > 59 || oh > 17) {
        return NOT_FAST; // java.time decides about 18:00 and beyond
      }
      offsetSeconds = (oh * 3600 + om * 60) * (s[i] == '-' ? -1 : 1);
    } else {
      return NOT_FAST;
    }
    long epochSecond =
        epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return epochSecond * 1_000_000_000L + fraction;
  }

  /** The {@code count} ASCII digits at {@code at} as a number, negative when one is not a digit. */
  private static int digits(byte[] s, int at, int count) {
    int v = 0;
    for (int i = at; i < at + count; i++) {
      int d = s[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (March-based years). */
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int monthFromMarch = month > 2 ? month - 3 : month + 9;
    int dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468L;
  }

  /** The general parse, through {@code java.time}. */
  static OptionalLong rfc3339JavaTime(String s) {
    if (!RFC3339.matcher(s).matches()) {
      return OptionalLong.empty();
    }
    try {
      var t = OffsetDateTime.parse(s).toInstant();
      return OptionalLong.of(t.getEpochSecond() * 1_000_000_000L + t.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Appends {@code s} as Go's {@code encoding/json} writes a string: quoted, with {@code <}, {@code
   * >} and {@code &} escaped for HTML, control characters as six-character escapes (except {@code
   * \n}, {@code \r}, {@code \t}), U+2028/U+2029 escaped and lone surrogates replaced by U+FFFD.
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
        case '<', '>', '&', '\u2028', '\u2029' -> hex(sb, c);
        default -> {
          if (c < 0x20) {
            hex(sb, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            sb.append("\\ufffd");
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void hex(StringBuilder sb, char c) {
    sb.append("\\u").append(String.format("%04x", (int) c));
  }
}
