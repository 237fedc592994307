package dev.jalloy.component.loki.process.stages;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Go's {@code time.Parse} / {@code time.ParseInLocation} for a layout written against Go's
 * reference time {@code Mon Jan 2 15:04:05 MST 2006}: the layout is split into Go's standard chunks
 * ({@code nextStdChunk} in Go's {@code time/format.go}) and the value is read chunk by chunk with
 * Go's rules — {@code 1}/{@code 2}/{@code 3}/{@code 4}/{@code 5} take one or two digits, {@code
 * 01}…{@code 05} exactly two, {@code _2} a space-padded day, {@code 2006} four digits, {@code 06}
 * two (69–99 ⇒ 19xx), {@code .000} exactly n fraction digits, {@code .999} any, and a fraction
 * after the seconds is accepted even when the layout has none. A space in the layout matches one or
 * more spaces. Without a zone in the value the time is in the given location.
 */
final class GoTimeLayout {
  private enum Std {
    LONG_MONTH,
    MONTH,
    NUM_MONTH,
    ZERO_MONTH,
    LONG_WEEKDAY,
    WEEKDAY,
    DAY,
    UNDER_DAY,
    ZERO_DAY,
    UNDER_YEARDAY,
    ZERO_YEARDAY,
    HOUR,
    HOUR12,
    ZERO_HOUR12,
    MINUTE,
    ZERO_MINUTE,
    SECOND,
    ZERO_SECOND,
    LONG_YEAR,
    YEAR,
    PM_UPPER,
    PM_LOWER,
    TZ,
    ISO_TZ_SECONDS, // Z070000
    ISO_TZ_COLON_SECONDS, // Z07:00:00
    ISO_TZ, // Z0700
    ISO_TZ_COLON, // Z07:00
    ISO_TZ_SHORT, // Z07
    NUM_TZ_SECONDS,
    NUM_COLON_TZ_SECONDS,
    NUM_TZ,
    NUM_COLON_TZ,
    NUM_SHORT_TZ,
    FRAC_0,
    FRAC_9
  }

  private record Chunk(String literal, Std std, int fracDigits) {}

  private static final String[] LONG_MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };
  private static final String[] LONG_DAYS = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
  };

  private final String layout;
  private final List<Chunk> chunks;

  private GoTimeLayout(String layout) {
    this.layout = layout;
    this.chunks = split(layout);
  }

  /** A parser for a Go layout. */
  static GoTimeLayout of(String layout) {
    return new GoTimeLayout(layout);
  }

  /** Whether the layout has a year ({@code 2006} or {@code 06}), as Alloy tests it. */
  static boolean hasYear(String layout) {
    return layout.contains("06");
  }

  /**
   * Parses {@code value}; a time without zone information is in {@code location}.
   *
   * @throws DateTimeException with Go's {@code parsing time ...} message when the value does not
   *     fit
   */
  ZonedDateTime parse(String value, ZoneId location) {
    String v = value;
    int year = 0;
    int month = 1;
    int day = 1;
    int yday = -1;
    int hour = 0;
    int min = 0;
    int sec = 0;
    int nsec = 0;
    boolean pm = false;
    boolean am = false;
    Integer offsetSeconds = null;
    String zoneName = null;
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      if (c.literal() != null) {
        v = skip(v, c.literal(), value);
        continue;
      }
      String before = v;
      String hold = stdText(c);
      try {
        switch (c.std()) {
          case LONG_YEAR -> {
            if (v.length() < 4 || !allDigits(v, 4)) {
              throw bad(value, before, hold);
            }
            year = Integer.parseInt(v.substring(0, 4));
            v = v.substring(4);
          }
          case YEAR -> {
            if (v.length() < 2 || !allDigits(v, 2)) {
              throw bad(value, before, hold);
            }
            year = Integer.parseInt(v.substring(0, 2));
            year += year >= 69 ? 1900 : 2000;
            v = v.substring(2);
          }
          case LONG_MONTH, MONTH -> {
            int m = lookup(v, c.std() == Std.LONG_MONTH ? LONG_MONTHS : shortNames(LONG_MONTHS));
            if (m < 0) {
              throw bad(value, before, hold);
            }
            String name = (c.std() == Std.LONG_MONTH ? LONG_MONTHS : shortNames(LONG_MONTHS))[m];
            month = m + 1;
            v = v.substring(name.length());
          }
          case LONG_WEEKDAY, WEEKDAY -> {
            String[] names = c.std() == Std.LONG_WEEKDAY ? LONG_DAYS : shortNames(LONG_DAYS);
            int d = lookup(v, names);
            if (d < 0) {
              throw bad(value, before, hold);
            }
            v = v.substring(names[d].length());
          }
          case NUM_MONTH, ZERO_MONTH -> {
            int[] r = getnum(v, c.std() == Std.ZERO_MONTH, value, hold);
            month = r[0];
            v = v.substring(r[1]);
            if (month <= 0 || month > 12) {
              throw range(value, "month");
            }
          }
          case DAY, UNDER_DAY, ZERO_DAY -> {
            if (c.std() == Std.UNDER_DAY && !v.isEmpty() && v.charAt(0) == ' ') {
              v = v.substring(1);
            }
            int[] r = getnum(v, c.std() == Std.ZERO_DAY, value, hold);
            day = r[0];
            v = v.substring(r[1]);
          }
          case UNDER_YEARDAY, ZERO_YEARDAY -> {
            for (int k = 0; k < 2; k++) {
              if (c.std() == Std.UNDER_YEARDAY && !v.isEmpty() && v.charAt(0) == ' ') {
                v = v.substring(1);
              }
            }
            int n = 0;
            while (n < 3 && n < v.length() && Character.isDigit(v.charAt(n))) {
              n++;
            }
            if (n == 0 || (c.std() == Std.ZERO_YEARDAY && n < 3)) {
              throw bad(value, before, hold);
            }
            yday = Integer.parseInt(v.substring(0, n));
            v = v.substring(n);
          }
          case HOUR -> {
            int[] r = getnum(v, false, value, hold);
            hour = r[0];
            v = v.substring(r[1]);
            if (hour < 0 || hour >= 24) {
              throw range(value, "hour");
            }
          }
          case HOUR12, ZERO_HOUR12 -> {
            int[] r = getnum(v, c.std() == Std.ZERO_HOUR12, value, hold);
            hour = r[0];
            v = v.substring(r[1]);
            if (hour < 0 || hour > 12) {
              throw range(value, "hour");
            }
          }
          case MINUTE, ZERO_MINUTE -> {
            int[] r = getnum(v, c.std() == Std.ZERO_MINUTE, value, hold);
            min = r[0];
            v = v.substring(r[1]);
            if (min < 0 || min >= 60) {
              throw range(value, "minute");
            }
          }
          case SECOND, ZERO_SECOND -> {
            int[] r = getnum(v, c.std() == Std.ZERO_SECOND, value, hold);
            sec = r[0];
            v = v.substring(r[1]);
            if (sec < 0 || sec >= 60) {
              throw range(value, "second");
            }
            // A fraction the layout does not mention is still read, as Go does.
            boolean nextIsFrac =
                i + 1 < chunks.size()
                    && chunks.get(i + 1).std() != null
                    && (chunks.get(i + 1).std() == Std.FRAC_0
                        || chunks.get(i + 1).std() == Std.FRAC_9);
            if (!nextIsFrac
                && v.length() >= 2
                && (v.charAt(0) == '.' || v.charAt(0) == ',')
                && Character.isDigit(v.charAt(1))) {
              int n = 1;
              while (n < v.length() && Character.isDigit(v.charAt(n))) {
                n++;
              }
              nsec = nanos(v.substring(1, n));
              v = v.substring(n);
            }
          }
          case PM_UPPER, PM_LOWER -> {
            if (v.length() < 2) {
              throw bad(value, before, hold);
            }
            String p = v.substring(0, 2);
            String pmText = c.std() == Std.PM_UPPER ? "PM" : "pm";
            String amText = c.std() == Std.PM_UPPER ? "AM" : "am";
            if (p.equals(pmText)) {
              pm = true;
            } else if (p.equals(amText)) {
              am = true;
            } else {
              throw bad(value, before, hold);
            }
            v = v.substring(2);
          }
          case ISO_TZ_SECONDS,
              ISO_TZ_COLON_SECONDS,
              ISO_TZ,
              ISO_TZ_COLON,
              ISO_TZ_SHORT,
              NUM_TZ_SECONDS,
              NUM_COLON_TZ_SECONDS,
              NUM_TZ,
              NUM_COLON_TZ,
              NUM_SHORT_TZ -> {
            boolean iso = c.std().name().startsWith("ISO");
            if (iso && !v.isEmpty() && v.charAt(0) == 'Z') {
              v = v.substring(1);
              offsetSeconds = 0;
              zoneName = "UTC";
              break;
            }
            String shape =
                switch (c.std()) {
                  case ISO_TZ_SECONDS, NUM_TZ_SECONDS -> "-hhmmss";
                  case ISO_TZ_COLON_SECONDS, NUM_COLON_TZ_SECONDS -> "-hh:mm:ss";
                  case ISO_TZ, NUM_TZ -> "-hhmm";
                  case ISO_TZ_COLON, NUM_COLON_TZ -> "-hh:mm";
                  default -> "-hh";
                };
            if (v.length() < shape.length() || (v.charAt(0) != '+' && v.charAt(0) != '-')) {
              throw bad(value, before, hold);
            }
            int hh = 0;
            int mm = 0;
            int ss = 0;
            for (int k = 1; k < shape.length(); k++) {
              char want = shape.charAt(k);
              char got = v.charAt(k);
              if (want == ':' ? got != ':' : !Character.isDigit(got)) {
                throw bad(value, before, hold);
              }
            }
            hh = Integer.parseInt(v.substring(1, 3));
            if (shape.length() >= 5) {
              int at = shape.charAt(3) == ':' ? 4 : 3;
              mm = Integer.parseInt(v.substring(at, at + 2));
            }
            if (shape.length() >= 7) {
              int at = shape.charAt(3) == ':' ? 7 : 5;
              ss = Integer.parseInt(v.substring(at, at + 2));
            }
            if (hh > 24 || mm > 60 || ss > 60) {
              throw range(value, "time zone offset");
            }
            int off = hh * 3600 + mm * 60 + ss;
            offsetSeconds = v.charAt(0) == '-' ? -off : off;
            v = v.substring(shape.length());
          }
          case TZ -> {
            if (v.length() >= 3 && v.startsWith("UTC")) {
              zoneName = "UTC";
              offsetSeconds = 0;
              v = v.substring(3);
              break;
            }
            int n = zoneAbbreviationLength(v);
            if (n <= 0) {
              throw bad(value, before, hold);
            }
            zoneName = v.substring(0, n);
            v = v.substring(n);
          }
          case FRAC_0 -> {
            int n = c.fracDigits();
            if (v.length() < n + 1
                || (v.charAt(0) != '.' && v.charAt(0) != ',')
                || !allDigits(v.substring(1), n)) {
              throw bad(value, before, hold);
            }
            nsec = nanos(v.substring(1, n + 1));
            v = v.substring(n + 1);
          }
          case FRAC_9 -> {
            if (v.length() < 2
                || (v.charAt(0) != '.' && v.charAt(0) != ',')
                || !Character.isDigit(v.charAt(1))) {
              break;
            }
            int n = 1;
            while (n < v.length() && Character.isDigit(v.charAt(n))) {
              n++;
            }
            nsec = nanos(v.substring(1, n));
            v = v.substring(n);
          }
        }
      } catch (StringIndexOutOfBoundsException | NumberFormatException e) {
        throw bad(value, before, hold);
      }
    }
    if (!v.isEmpty()) {
      throw new DateTimeException("parsing time " + quote(value) + ": extra text: " + quote(v));
    }
    if (pm && hour < 12) {
      hour += 12;
    } else if (am && hour == 12) {
      hour = 0;
    }
    if (yday >= 0) {
      boolean leap = java.time.Year.isLeap(year);
      if (yday < 1 || yday > (leap ? 366 : 365)) {
        throw range(value, "day-of-year");
      }
      java.time.LocalDate d = java.time.LocalDate.ofYearDay(year, yday);
      month = d.getMonthValue();
      day = d.getDayOfMonth();
    }
    if (day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      throw range(value, "day");
    }
    LocalDateTime local = LocalDateTime.of(year, month, day, hour, min, sec, nsec);
    if (offsetSeconds != null) {
      return ZonedDateTime.ofLocal(local, ZoneOffset.ofTotalSeconds(offsetSeconds), null);
    }
    if (zoneName != null) {
      // Go uses the location's offset when its abbreviation at that time matches; otherwise the
      // abbreviation is unknown and the time is taken as UTC.
      ZonedDateTime inLoc = local.atZone(location);
      String abbr = DateTimeFormatter.ofPattern("zzz", Locale.US).withZone(location).format(inLoc);
      if (abbr.equals(zoneName)) {
        return inLoc;
      }
      if (zoneName.length() > 3 && zoneName.startsWith("GMT")) {
        int hours = Integer.parseInt(zoneName.substring(zoneName.charAt(3) == '+' ? 4 : 3));
        return ZonedDateTime.ofLocal(local, ZoneOffset.ofHours(hours), null);
      }
      return local.atZone(ZoneOffset.UTC);
    }
    return local.atZone(location);
  }

  /** The instant of {@link #parse}. */
  Instant parseInstant(String value, ZoneId location) {
    return parse(value, location).toInstant();
  }

  @Override
  public String toString() {
    return layout;
  }

  private static String[] shortNames(String[] names) {
    String[] out = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = names[i].substring(0, 3);
    }
    return out;
  }

  /** Case-insensitive prefix lookup, as Go's {@code lookup}. */
  private static int lookup(String v, String[] names) {
    for (int i = 0; i < names.length; i++) {
      if (v.length() >= names[i].length()
          && v.regionMatches(true, 0, names[i], 0, names[i].length())) {
        return i;
      }
    }
    return -1;
  }

  private static int[] getnum(String v, boolean fixed, String value, String hold) {
    if (v.isEmpty() || !Character.isDigit(v.charAt(0))) {
      throw bad(value, v, hold);
    }
    if (v.length() < 2 || !Character.isDigit(v.charAt(1))) {
      if (fixed) {
        throw bad(value, v, hold);
      }
      return new int[] {v.charAt(0) - '0', 1};
    }
    return new int[] {(v.charAt(0) - '0') * 10 + (v.charAt(1) - '0'), 2};
  }

  private static boolean allDigits(String v, int n) {
    if (v.length() < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!Character.isDigit(v.charAt(i)) || v.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** Up to nine digits of a fraction as nanoseconds; further digits are ignored. */
  private static int nanos(String digits) {
    String d = digits.length() > 9 ? digits.substring(0, 9) : digits;
    StringBuilder sb = new StringBuilder(d);
    while (sb.length() < 9) {
      sb.append('0');
    }
    return Integer.parseInt(sb.toString());
  }

  /** Go's {@code parseTimeZone}: length of a zone abbreviation at the start of v, or -1. */
  private static int zoneAbbreviationLength(String v) {
    if (v.length() < 3) {
      return -1;
    }
    if (v.length() >= 4 && (v.startsWith("ChST") || v.startsWith("MeST"))) {
      return 4;
    }
    if (v.startsWith("GMT")) {
      int n = 3;
      if (n < v.length() && (v.charAt(n) == '+' || v.charAt(n) == '-')) {
        int k = n + 1;
        while (k < v.length() && Character.isDigit(v.charAt(k))) {
          k++;
        }
        if (k > n + 1) {
          return k;
        }
      }
      return 3;
    }
    if (v.charAt(0) == '+' || v.charAt(0) == '-') {
      int k = 1;
      while (k < v.length() && Character.isDigit(v.charAt(k))) {
        k++;
      }
      return k == 3 || k == 5 ? k : -1;
    }
    int n = 0;
    while (n < v.length() && n < 6 && Character.isUpperCase(v.charAt(n))) {
      n++;
    }
    return switch (n) {
      case 0, 1, 2, 6 -> -1;
      case 3 -> 3;
      case 4 -> v.charAt(3) == 'T' || v.startsWith("WITA") ? 4 : -1;
      case 5 -> v.charAt(4) == 'T' ? 5 : -1;
      default -> -1;
    };
  }

  private static String skip(String v, String literal, String value) {
    int i = 0;
    String p = literal;
    while (!p.isEmpty()) {
      if (p.charAt(0) == ' ') {
        if (i < v.length() && v.charAt(i) != ' ') {
          throw bad(value, v.substring(i), literal);
        }
        while (!p.isEmpty() && p.charAt(0) == ' ') {
          p = p.substring(1);
        }
        while (i < v.length() && v.charAt(i) == ' ') {
          i++;
        }
        continue;
      }
      if (i >= v.length() || v.charAt(i) != p.charAt(0)) {
        throw bad(value, v.substring(i), literal);
      }
      p = p.substring(1);
      i++;
    }
    return v.substring(i);
  }

  private static DateTimeException bad(String value, String rest, String elem) {
    return new DateTimeException(
        "parsing time " + quote(value) + ": cannot parse " + quote(rest) + " as " + quote(elem));
  }

  private static DateTimeException range(String value, String what) {
    return new DateTimeException("parsing time " + quote(value) + ": " + what + " out of range");
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static String stdText(Chunk c) {
    return switch (c.std()) {
      case LONG_MONTH -> "January";
      case MONTH -> "Jan";
      case NUM_MONTH -> "1";
      case ZERO_MONTH -> "01";
      case LONG_WEEKDAY -> "Monday";
      case WEEKDAY -> "Mon";
      case DAY -> "2";
      case UNDER_DAY -> "_2";
      case ZERO_DAY -> "02";
      case UNDER_YEARDAY -> "__2";
      case ZERO_YEARDAY -> "002";
      case HOUR -> "15";
      case HOUR12 -> "3";
      case ZERO_HOUR12 -> "03";
      case MINUTE -> "4";
      case ZERO_MINUTE -> "04";
      case SECOND -> "5";
      case ZERO_SECOND -> "05";
      case LONG_YEAR -> "2006";
      case YEAR -> "06";
      case PM_UPPER -> "PM";
      case PM_LOWER -> "pm";
      case TZ -> "MST";
      case ISO_TZ_SECONDS -> "Z070000";
      case ISO_TZ_COLON_SECONDS -> "Z07:00:00";
      case ISO_TZ -> "Z0700";
      case ISO_TZ_COLON -> "Z07:00";
      case ISO_TZ_SHORT -> "Z07";
      case NUM_TZ_SECONDS -> "-070000";
      case NUM_COLON_TZ_SECONDS -> "-07:00:00";
      case NUM_TZ -> "-0700";
      case NUM_COLON_TZ -> "-07:00";
      case NUM_SHORT_TZ -> "-07";
      case FRAC_0 -> "." + "0".repeat(c.fracDigits());
      case FRAC_9 -> "." + "9".repeat(c.fracDigits());
    };
  }

  /** Go's {@code nextStdChunk}, applied over the whole layout. */
  private static List<Chunk> split(String layout) {
    List<Chunk> out = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    int n = layout.length();
    while (i < n) {
      Std std = null;
      int len = 0;
      int frac = 0;
      String rest = layout.substring(i);
      char c = layout.charAt(i);
      switch (c) {
        case 'J' -> {
          if (rest.startsWith("January")) {
            std = Std.LONG_MONTH;
            len = 7;
          } else if (rest.startsWith("Jan") && !startsWithLower(rest, 3)) {
            std = Std.MONTH;
            len = 3;
          }
        }
        case 'M' -> {
          if (rest.startsWith("Monday")) {
            std = Std.LONG_WEEKDAY;
            len = 6;
          } else if (rest.startsWith("Mon") && !startsWithLower(rest, 3)) {
            std = Std.WEEKDAY;
            len = 3;
          } else if (rest.startsWith("MST")) {
            std = Std.TZ;
            len = 3;
          }
        }
        case '0' -> {
          if (rest.length() >= 2 && rest.charAt(1) >= '1' && rest.charAt(1) <= '6') {
            std =
                new Std[] {
                      Std.ZERO_MONTH,
                      Std.ZERO_DAY,
                      Std.ZERO_HOUR12,
                      Std.ZERO_MINUTE,
                      Std.ZERO_SECOND,
                      Std.YEAR
                    }
                    [rest.charAt(1) - '1'];
            len = 2;
          } else if (rest.startsWith("002")) {
            std = Std.ZERO_YEARDAY;
            len = 3;
          }
        }
        case '1' -> {
          if (rest.startsWith("15")) {
            std = Std.HOUR;
            len = 2;
          } else {
            std = Std.NUM_MONTH;
            len = 1;
          }
        }
        case '2' -> {
          if (rest.startsWith("2006")) {
            std = Std.LONG_YEAR;
            len = 4;
          } else {
            std = Std.DAY;
            len = 1;
          }
        }
        case '_' -> {
          if (rest.startsWith("_2")) {
            if (rest.startsWith("_2006")) {
              // "_" then a long year
              lit.append('_');
              i++;
              continue;
            }
            std = Std.UNDER_DAY;
            len = 2;
          } else if (rest.startsWith("__2")) {
            std = Std.UNDER_YEARDAY;
            len = 3;
          }
        }
        case '3', '4', '5' -> {
          std = c == '3' ? Std.HOUR12 : c == '4' ? Std.MINUTE : Std.SECOND;
          len = 1;
        }
        case 'P' -> {
          if (rest.startsWith("PM")) {
            std = Std.PM_UPPER;
            len = 2;
          }
        }
        case 'p' -> {
          if (rest.startsWith("pm")) {
            std = Std.PM_LOWER;
            len = 2;
          }
        }
        case '-' -> {
          String[][] opts = {
            {"-070000", "NUM_TZ_SECONDS"},
            {"-07:00:00", "NUM_COLON_TZ_SECONDS"},
            {"-0700", "NUM_TZ"},
            {"-07:00", "NUM_COLON_TZ"},
            {"-07", "NUM_SHORT_TZ"}
          };
          for (String[] o : opts) {
            if (rest.startsWith(o[0])) {
              std = Std.valueOf(o[1]);
              len = o[0].length();
              break;
            }
          }
        }
        case 'Z' -> {
          String[][] opts = {
            {"Z070000", "ISO_TZ_SECONDS"},
            {"Z07:00:00", "ISO_TZ_COLON_SECONDS"},
            {"Z0700", "ISO_TZ"},
            {"Z07:00", "ISO_TZ_COLON"},
            {"Z07", "ISO_TZ_SHORT"}
          };
          for (String[] o : opts) {
            if (rest.startsWith(o[0])) {
              std = Std.valueOf(o[1]);
              len = o[0].length();
              break;
            }
          }
        }
        case '.', ',' -> {
          if (rest.length() >= 2 && (rest.charAt(1) == '0' || rest.charAt(1) == '9')) {
            char ch = rest.charAt(1);
            int j = 1;
            while (j < rest.length() && rest.charAt(j) == ch) {
              j++;
            }
            if (!(j < rest.length() && Character.isDigit(rest.charAt(j)))) {
              std = ch == '0' ? Std.FRAC_0 : Std.FRAC_9;
              len = j;
              frac = j - 1;
            }
          }
        }
        default -> {}
      }
      if (std == null) {
        lit.append(c);
        i++;
        continue;
      }
      if (!lit.isEmpty()) {
        out.add(new Chunk(lit.toString(), null, 0));
        lit.setLength(0);
      }
      out.add(new Chunk(null, std, frac));
      i += len;
    }
    if (!lit.isEmpty()) {
      out.add(new Chunk(lit.toString(), null, 0));
    }
    return out;
  }

  private static boolean startsWithLower(String s, int at) {
    return at < s.length() && s.charAt(at) >= 'a' && s.charAt(at) <= 'z';
  }
}
