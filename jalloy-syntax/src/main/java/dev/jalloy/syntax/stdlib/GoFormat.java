package dev.jalloy.syntax.stdlib;

import dev.jalloy.syntax.go.GoFloat;
import dev.jalloy.syntax.go.GoQuote;
import dev.jalloy.syntax.go.GoStrings;
import dev.jalloy.syntax.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Go's {@code fmt.Sprintf} over Alloy values, the engine of {@code string.format}.
 *
 * <p>Arguments are seen with the Go types Alloy hands to {@code Sprintf}: numbers become {@code
 * int} (or {@code uint64} above int64, {@code float64} for floats), arrays {@code []interface {}},
 * objects {@code map[string]interface {}} (printed with sorted keys), null a nil interface. Like
 * Go, mistakes never fail: they print markers such as {@code %!d(string=hi)}, {@code %!v(MISSING)},
 * {@code %!(EXTRA int=1)}, {@code %!v(BADINDEX)} and {@code %!(NOVERB)}.
 *
 * <p>Supported: verbs {@code v T t d b o O x X c q U e E f F g G s %}, flags {@code + - # 0 space},
 * width, precision, {@code *} for either, and {@code [n]} argument indexes.
 */
public final class GoFormat {
  private static final String LDIGITS = "0123456789abcdefx";
  private static final String UDIGITS = "0123456789ABCDEFX";
  private static final int TOO_LARGE = 1_000_000;

  private final StringBuilder buf = new StringBuilder();
  // Flags of the verb being printed, reset for every verb.
  private boolean plus;
  private boolean minus;
  private boolean sharp;
  private boolean space;
  private boolean zero;
  private boolean sharpV;
  private boolean widPresent;
  private boolean precPresent;
  private int wid;
  private int prec;
  private boolean reordered;
  private boolean goodArgNum;

  private GoFormat() {}

  /**
   * Formats like {@code fmt.Sprintf(format, args...)}. Secrets must have been rejected by the
   * caller; optional secrets that are not secret should have been turned into strings.
   */
  public static String sprintf(String format, List<Value> args) {
    GoFormat p = new GoFormat();
    p.doPrintf(format, args);
    return p.buf.toString();
  }

  private void clearFlags() {
    plus = false;
    minus = false;
    sharp = false;
    space = false;
    zero = false;
    sharpV = false;
    widPresent = false;
    precPresent = false;
    wid = 0;
    prec = 0;
  }

  private void doPrintf(String format, List<Value> a) {
    int end = format.length();
    int argNum = 0;
    boolean afterIndex;
    reordered = false;
    int i = 0;
    formatLoop:
    while (i < end) {
      goodArgNum = true;
      int lasti = i;
      while (i < end && format.charAt(i) != '%') {
        i++;
      }
      if (i > lasti) {
        buf.append(format, lasti, i);
      }
      if (i >= end) {
        break;
      }
      i++; // skip %
      clearFlags();
      simple:
      for (; i < end; i++) {
        char c = format.charAt(i);
        switch (c) {
          case '#' -> sharp = true;
          case '0' -> zero = !minus; // zero padding only to the left
          case '+' -> plus = true;
          case '-' -> {
            minus = true;
            zero = false;
          }
          case ' ' -> space = true;
          default -> {
            if (c >= 'a' && c <= 'z' && argNum < a.size()) {
              if (c == 'v') {
                sharpV = sharp;
                sharp = false;
                plus = false;
              }
              printArg(a.get(argNum), c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
          }
        }
      }

      long r = argNumber(argNum, format, i, a.size());
      argNum = (int) (r >> 32);
      i = (int) (r & 0x7FFFFFFFL);
      afterIndex = (r & 0x80000000L) != 0;

      if (i < end && format.charAt(i) == '*') {
        i++;
        int[] w = intFromArg(a, argNum);
        wid = w[0];
        widPresent = w[1] != 0;
        argNum = w[2];
        if (!widPresent) {
          buf.append("%!(BADWIDTH)");
        }
        if (wid < 0) {
          wid = -wid;
          minus = true;
          zero = false;
        }
        afterIndex = false;
      } else {
        int[] n = parseNum(format, i, end);
        wid = n[0];
        widPresent = n[1] != 0;
        i = n[2];
        if (afterIndex && widPresent) {
          goodArgNum = false;
        }
      }

      if (i + 1 < end && format.charAt(i) == '.') {
        i++;
        if (afterIndex) {
          goodArgNum = false;
        }
        r = argNumber(argNum, format, i, a.size());
        argNum = (int) (r >> 32);
        i = (int) (r & 0x7FFFFFFFL);
        afterIndex = (r & 0x80000000L) != 0;
        if (i < end && format.charAt(i) == '*') {
          i++;
          int[] w = intFromArg(a, argNum);
          prec = w[0];
          precPresent = w[1] != 0;
          argNum = w[2];
          if (prec < 0) {
            prec = 0;
            precPresent = false;
          }
          if (!precPresent) {
            buf.append("%!(BADPREC)");
          }
          afterIndex = false;
        } else {
          int[] n = parseNum(format, i, end);
          prec = n[0];
          precPresent = n[1] != 0;
          i = n[2];
          if (!precPresent) {
            prec = 0;
            precPresent = true;
          }
        }
      }

      if (!afterIndex) {
        r = argNumber(argNum, format, i, a.size());
        argNum = (int) (r >> 32);
        i = (int) (r & 0x7FFFFFFFL);
      }

      if (i >= end) {
        buf.append("%!(NOVERB)");
        break;
      }

      int verb = format.codePointAt(i);
      i += Character.charCount(verb);

      if (verb == '%') {
        buf.append('%'); // absorbs no operand and ignores width and precision
      } else if (!goodArgNum) {
        buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
      } else if (argNum >= a.size()) {
        buf.append("%!").appendCodePoint(verb).append("(MISSING)");
      } else {
        if (verb == 'v') {
          sharpV = sharp;
          sharp = false;
          plus = false;
        }
        printArg(a.get(argNum), verb);
        argNum++;
      }
    }

    // Go only reports unused arguments when no explicit index was used.
    if (!reordered && argNum < a.size()) {
      clearFlags();
      buf.append("%!(EXTRA ");
      for (int k = argNum; k < a.size(); k++) {
        if (k > argNum) {
          buf.append(", ");
        }
        Value arg = a.get(k);
        if (arg instanceof Value.Null) {
          buf.append("<nil>");
        } else {
          buf.append(goType(arg)).append('=');
          printArg(arg, 'v');
        }
      }
      buf.append(')');
    }
  }

  /** Packs (argNum, i, found) into a long: argNum in the high int, found in bit 31. */
  private long argNumber(int argNum, String format, int i, int numArgs) {
    if (format.length() <= i || format.charAt(i) != '[') {
      return pack(argNum, i, false);
    }
    reordered = true;
    // parseArgNumber: at least "[n]".
    int index = 0;
    int width = 1;
    boolean ok = false;
    String rest = format.substring(i);
    if (rest.length() >= 3) {
      for (int k = 1; k < rest.length(); k++) {
        if (rest.charAt(k) == ']') {
          int[] n = parseNum(rest, 1, k);
          if (n[1] == 0 || n[2] != k) {
            index = 0;
            width = k + 1;
            ok = false;
          } else {
            index = n[0] - 1;
            width = k + 1;
            ok = true;
          }
          break;
        }
      }
    }
    if (ok && index >= 0 && index < numArgs) {
      return pack(index, i + width, true);
    }
    goodArgNum = false;
    return pack(argNum, i + width, ok);
  }

  private static long pack(int argNum, int i, boolean found) {
    return ((long) argNum << 32) | (found ? 0x80000000L : 0) | i;
  }

  /** Returns {num, isNum, newI}. */
  private static int[] parseNum(String s, int start, int end) {
    if (start >= end) {
      return new int[] {0, 0, end};
    }
    int num = 0;
    boolean isNum = false;
    int k = start;
    for (; k < end && s.charAt(k) >= '0' && s.charAt(k) <= '9'; k++) {
      if (num > TOO_LARGE) {
        return new int[] {0, 0, end};
      }
      num = num * 10 + (s.charAt(k) - '0');
      isNum = true;
    }
    return new int[] {num, isNum ? 1 : 0, k};
  }

  /** Returns {num, isInt, newArgNum} for a {@code *} width or precision. */
  private static int[] intFromArg(List<Value> a, int argNum) {
    if (argNum >= a.size()) {
      return new int[] {0, 0, argNum};
    }
    int num = 0;
    boolean isInt = false;
    Value v = a.get(argNum);
    if (v instanceof Value.Int n) {
      if (n.value() == (int) n.value()) {
        num = (int) n.value();
        isInt = true;
      }
    } else if (v instanceof Value.Uint n) {
      if (n.value() >= 0 && n.value() == (int) n.value()) {
        num = (int) n.value();
        isInt = true;
      }
    }
    if (num > TOO_LARGE || num < -TOO_LARGE) {
      num = 0;
      isInt = false;
    }
    return new int[] {num, isInt ? 1 : 0, argNum + 1};
  }

  /** The Go type name Sprintf sees for an Alloy value. */
  static String goType(Value v) {
    return switch (v) {
      case Value.Null n -> "<nil>";
      case Value.Int i -> "int";
      case Value.Uint u -> u.value() < 0 ? "uint64" : "int";
      case Value.Float f -> "float64";
      case Value.Str s -> "string";
      case Value.Bool b -> "bool";
      case Value.Array arr -> "[]interface {}";
      case Value.Obj o -> "map[string]interface {}";
      case Value.Func f -> "func";
      case Value.Capsule c -> c.typeName();
      case Value.Secret s -> "alloytypes.Secret";
      case Value.OptionalSecret s -> "alloytypes.OptionalSecret";
    };
  }

  private void printArg(Value arg, int verb) {
    if (arg instanceof Value.Null) {
      if (verb == 'T' || verb == 'v') {
        padString("<nil>");
      } else {
        badVerb(verb, arg);
      }
      return;
    }
    if (verb == 'T') {
      fmtS(goType(arg));
      return;
    }
    printValue(arg, verb, 0);
  }

  private void printValue(Value v, int verb, int depth) {
    switch (v) {
      case Value.Null n -> buf.append(sharpV ? "interface {}(nil)" : "<nil>");
      case Value.Bool b -> {
        if (verb == 't' || verb == 'v') {
          padString(b.value() ? "true" : "false");
        } else {
          badVerb(verb, v);
        }
      }
      case Value.Int i -> fmtInteger(i.value(), true, verb, v);
      case Value.Uint u -> fmtInteger(u.value(), u.value() >= 0, verb, v);
      case Value.Float f -> fmtFloat(f.value(), verb, v);
      case Value.Str s -> fmtString(s.text(), verb, v);
      case Value.OptionalSecret s when !s.isSecret() -> fmtString(s.value(), verb, v);
      case Value.Array arr -> {
        if (sharpV) {
          buf.append("[]interface {}{");
          appendElements(arr.elements(), ", ", verb, depth);
          buf.append('}');
        } else {
          buf.append('[');
          appendElements(arr.elements(), " ", verb, depth);
          buf.append(']');
        }
      }
      case Value.Obj o -> {
        buf.append(sharpV ? "map[string]interface {}{" : "map[");
        List<Map.Entry<String, Value>> entries = new ArrayList<>(o.fields().entrySet());
        entries.sort((x, y) -> GoStrings.compare(x.getKey(), y.getKey()));
        boolean first = true;
        for (Map.Entry<String, Value> e : entries) {
          if (!first) {
            buf.append(sharpV ? ", " : " ");
          }
          first = false;
          printValue(Value.string(e.getKey()), verb, depth + 1);
          buf.append(':');
          printValue(e.getValue(), verb, depth + 1);
        }
        buf.append(sharpV ? '}' : ']');
      }
      default -> {
        // Functions, capsules: Go prints their address or fields; a readable stand-in is fairer.
        if (verb == 'v' || verb == 's') {
          padString(v.toString());
        } else {
          badVerb(verb, v);
        }
      }
    }
  }

  private void appendElements(List<Value> elements, String sep, int verb, int depth) {
    for (int k = 0; k < elements.size(); k++) {
      if (k > 0) {
        buf.append(sep);
      }
      printValue(elements.get(k), verb, depth + 1);
    }
  }

  private void badVerb(int verb, Value v) {
    buf.append("%!").appendCodePoint(verb).append('(');
    if (v instanceof Value.Null) {
      buf.append("<nil>");
    } else {
      buf.append(goType(v)).append('=');
      // Go prints the operand with %v under the verb's flags, width included.
      printValue(v, 'v', 0);
    }
    buf.append(')');
  }

  // ---- padding -----------------------------------------------------------------------------

  private void writePadding(int n) {
    if (n <= 0) {
      return;
    }
    char c = zero ? '0' : ' ';
    for (int k = 0; k < n; k++) {
      buf.append(c);
    }
  }

  private void pad(CharSequence s) {
    if (!widPresent || wid == 0) {
      buf.append(s);
      return;
    }
    int width = wid - Character.codePointCount(s, 0, s.length());
    if (!minus) {
      writePadding(width);
      buf.append(s);
    } else {
      buf.append(s);
      writePadding(width);
    }
  }

  private void padString(String s) {
    pad(s);
  }

  // ---- integers ----------------------------------------------------------------------------

  private void fmtInteger(long v, boolean signed, int verb, Value original) {
    switch (verb) {
      case 'v', 'd' -> formatInteger(v, 10, signed, verb, LDIGITS);
      case 'b' -> formatInteger(v, 2, signed, verb, LDIGITS);
      case 'o', 'O' -> formatInteger(v, 8, signed, verb, LDIGITS);
      case 'x' -> formatInteger(v, 16, signed, verb, LDIGITS);
      case 'X' -> formatInteger(v, 16, signed, verb, UDIGITS);
      case 'c' -> pad(new String(Character.toChars(toRune(v, signed))));
      case 'q' -> pad(GoQuote.quoteRune(toRune(v, signed), plus));
      case 'U' -> fmtUnicode(v);
      default -> badVerb(verb, original);
    }
  }

  private static int toRune(long v, boolean signed) {
    boolean valid = signed ? v >= 0 && v <= 0x10FFFF : Long.compareUnsigned(v, 0x10FFFF) <= 0;
    int r = valid ? (int) v : 0xFFFD;
    return r >= 0xD800 && r <= 0xDFFF ? 0xFFFD : r;
  }

  private void formatInteger(long u, int base, boolean signed, int verb, String digits) {
    boolean negative = signed && u < 0;
    if (negative) {
      u = -u;
    }
    int precision = 0;
    if (precPresent) {
      precision = prec;
      if (precision == 0 && u == 0) {
        boolean oldZero = zero;
        zero = false;
        writePadding(wid);
        zero = oldZero;
        return;
      }
    } else if (zero && !minus && widPresent) {
      precision = wid;
      if (negative || plus || space) {
        precision--; // leave room for the sign
      }
    }
    char[] b = new char[68 + Math.max(0, wid) + Math.max(0, prec)];
    int i = b.length;
    if (u == 0) {
      b[--i] = '0';
    }
    while (u != 0) {
      b[--i] = digits.charAt((int) Long.remainderUnsigned(u, base));
      u = Long.divideUnsigned(u, base);
    }
    while (i > 0 && precision > b.length - i) {
      b[--i] = '0';
    }
    if (sharp) {
      switch (base) {
        case 2 -> {
          b[--i] = 'b';
          b[--i] = '0';
        }
        case 8 -> {
          if (b[i] != '0') {
            b[--i] = '0';
          }
        }
        case 16 -> {
          b[--i] = digits.charAt(16);
          b[--i] = '0';
        }
        default -> {}
      }
    }
    if (verb == 'O') {
      b[--i] = 'o';
      b[--i] = '0';
    }
    if (negative) {
      b[--i] = '-';
    } else if (plus) {
      b[--i] = '+';
    } else if (space) {
      b[--i] = ' ';
    }
    boolean oldZero = zero;
    zero = false;
    pad(new String(b, i, b.length - i));
    zero = oldZero;
  }

  private void fmtUnicode(long u) {
    int precision = precPresent && prec > 4 ? prec : 4;
    StringBuilder sb = new StringBuilder();
    String hex = Long.toHexString(u).toUpperCase(Locale.ROOT);
    sb.append("U+");
    for (int k = hex.length(); k < precision; k++) {
      sb.append('0');
    }
    sb.append(hex);
    if (sharp && u >= 0 && u <= 0x10FFFF && GoQuote.isPrint((int) u)) {
      sb.append(" '").appendCodePoint((int) u).append('\'');
    }
    boolean oldZero = zero;
    zero = false;
    pad(sb);
    zero = oldZero;
  }

  // ---- floats ------------------------------------------------------------------------------

  private void fmtFloat(double v, int verb, Value original) {
    switch (verb) {
      case 'v' -> formatFloat(v, 'g', -1);
      case 'b', 'g', 'G', 'x', 'X' -> formatFloat(v, (char) verb, -1);
      case 'f', 'F' -> formatFloat(v, 'f', 6);
      case 'e', 'E' -> formatFloat(v, (char) verb, 6);
      default -> badVerb(verb, original);
    }
  }

  private void formatFloat(double v, char verb, int precision) {
    if (precPresent) {
      precision = prec;
    }
    StringBuilder num = new StringBuilder(32).append('+');
    GoFloat.append(num, v, verb, precision);
    // Keep exactly one sign character in front.
    if (num.charAt(1) == '-' || num.charAt(1) == '+') {
      num.deleteCharAt(0);
    }
    if (space && num.charAt(0) == '+' && !plus) {
      num.setCharAt(0, ' ');
    }
    if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
      boolean oldZero = zero;
      zero = false;
      if (num.charAt(1) == 'N' && !space && !plus) {
        num.deleteCharAt(0);
      }
      pad(num);
      zero = oldZero;
      return;
    }
    if (sharp && verb != 'b') {
      sharpFloat(num, verb, precision);
    }
    if (plus || num.charAt(0) != '+') {
      if (zero && !minus && widPresent && wid > num.length()) {
        buf.append(num.charAt(0));
        writePadding(wid - num.length());
        buf.append(num, 1, num.length());
        return;
      }
      pad(num);
      return;
    }
    pad(num.subSequence(1, num.length()));
  }

  /** The {@code #} flag: always a decimal point, and %g keeps its trailing zeros. */
  private static void sharpFloat(StringBuilder num, char verb, int precision) {
    int digits = 0;
    if (verb == 'g' || verb == 'G' || verb == 'x' || verb == 'X') {
      digits = precision == -1 ? 6 : precision;
    }
    String tail = "";
    boolean hasDecimalPoint = false;
    boolean sawNonzeroDigit = false;
    for (int k = 1; k < num.length(); k++) {
      char c = num.charAt(k);
      if (c == '.') {
        hasDecimalPoint = true;
      } else if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
        tail = num.substring(k);
        num.setLength(k);
        break;
      } else {
        if (c != '0') {
          sawNonzeroDigit = true;
        }
        if (sawNonzeroDigit) {
          digits--;
        }
      }
    }
    if (!hasDecimalPoint) {
      if (num.length() == 2 && num.charAt(1) == '0') {
        digits--;
      }
      num.append('.');
    }
    while (digits > 0) {
      num.append('0');
      digits--;
    }
    num.append(tail);
  }

  // ---- strings -----------------------------------------------------------------------------

  private void fmtString(String s, int verb, Value original) {
    switch (verb) {
      case 'v' -> {
        if (sharpV) {
          fmtQ(s);
        } else {
          fmtS(s);
        }
      }
      case 's' -> fmtS(s);
      case 'x' -> fmtSx(s, LDIGITS);
      case 'X' -> fmtSx(s, UDIGITS);
      case 'q' -> fmtQ(s);
      default -> badVerb(verb, original);
    }
  }

  private String truncate(String s) {
    if (precPresent) {
      int n = prec;
      for (int k = 0; k < s.length(); ) {
        n--;
        if (n < 0) {
          return s.substring(0, k);
        }
        k += Character.charCount(s.codePointAt(k));
      }
    }
    return s;
  }

  private void fmtS(String s) {
    pad(truncate(s));
  }

  private void fmtQ(String s) {
    s = truncate(s);
    if (sharp && GoQuote.canBackquote(s)) {
      pad("`" + s + "`");
    } else if (plus) {
      pad(GoQuote.quoteToAscii(s));
    } else {
      pad(GoQuote.quote(s));
    }
  }

  private void fmtSx(String s, String digits) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int length = b.length;
    if (precPresent && prec < length) {
      length = prec;
    }
    int width = 2 * length;
    if (width > 0) {
      if (space) {
        if (sharp) {
          width *= 2;
        }
        width += length - 1;
      } else if (sharp) {
        width += 2;
      }
    } else {
      if (widPresent) {
        writePadding(wid);
      }
      return;
    }
    if (widPresent && wid > width && !minus) {
      writePadding(wid - width);
    }
    if (sharp) {
      buf.append('0').append(digits.charAt(16));
    }
    for (int k = 0; k < length; k++) {
      if (space && k > 0) {
        buf.append(' ');
        if (sharp) {
          buf.append('0').append(digits.charAt(16));
        }
      }
      int c = b[k] & 0xFF;
      buf.append(digits.charAt(c >> 4)).append(digits.charAt(c & 0xF));
    }
    if (widPresent && wid > width && minus) {
      writePadding(wid - width);
    }
  }
}
