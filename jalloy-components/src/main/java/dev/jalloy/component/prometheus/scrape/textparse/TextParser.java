package dev.jalloy.component.prometheus.scrape.textparse;

import dev.jalloy.component.prometheus.scrape.textparse.GoText.NumberException;
import dev.jalloy.model.Labels;
import java.util.Arrays;

/**
 * A pull parser over one scrape body in the Prometheus text format 0.0.4 (and 1.0.0's quoted names)
 * or OpenMetrics 1.0 text. Follows Prometheus' model/textparse promparse.go / openmetricsparse.go
 * and their lexers promlex.l / openmetricslex.l: the same inputs are accepted, the same are
 * rejected, and errors carry Prometheus' wording ("expected value after metric, got ... while
 * parsing: ...").
 *
 * <p>Nothing is copied until asked for: an entry is a set of offsets into the caller's array, and
 * label names and values become Strings through a {@link StringCache}, which a scrape loop keeps
 * from one scrape to the next so repeated labels cost no allocation.
 *
 * <pre>{@code
 * TextParser p = TextParser.prometheus(body, 0, body.length, cache);
 * for (TextParser.Entry e; (e = p.next()) != TextParser.Entry.EOF; ) {
 *   if (e == TextParser.Entry.SERIES) {
 *     p.labels(builder.reset());
 *     append(builder.build(), p.hasTimestamp() ? p.timestamp() : scrapeTime, p.value());
 *   }
 * }
 * }</pre>
 *
 * <p>The first error ends the parse: {@link #next()} throws the same {@link ParseException} again
 * on every later call, as Prometheus abandons a scrape at its first malformed line. Nothing else is
 * thrown for any input. Not thread-safe.
 */
public final class TextParser {
  /** What {@link #next()} found. */
  public enum Entry {
    SERIES,
    TYPE,
    HELP,
    UNIT,
    COMMENT,
    EOF
  }

  /**
   * The NaN Prometheus stores for a parsed {@code NaN} (value.NormalNaN), distinct from the stale
   * marker.
   */
  public static final double NORMAL_NAN = Double.longBitsToDouble(0x7ff8000000000001L);

  private static final int NAME_START = 1;
  private static final int NAME_CHAR = 2;
  private static final int LABEL_START = 4;
  private static final int LABEL_CHAR = 8;
  private static final byte[] CLASS = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      boolean digit = c >= '0' && c <= '9';
      int k = 0;
      if (letter || c == ':') {
        k |= NAME_START | NAME_CHAR;
      }
      if (digit) {
        k |= NAME_CHAR | LABEL_CHAR;
      }
      if (letter) {
        k |= LABEL_START | LABEL_CHAR;
      }
      CLASS[c] = (byte) k;
    }
  }

  // Per-label flags in the offsets array.
  private static final int ESCAPED = 1;
  private static final int NON_ASCII = 2;

  private final byte[] b;
  private final int end;
  private final boolean om;
  private final StringCache cache;

  private int pos;
  private int line = 1;
  private int lineStart;
  private int entryLine;
  private ParseException failure;
  private boolean finished;

  // The current entry. Names: [start, end, flags]; labels: 6 ints each (name start, end, flags,
  // value start, end, flags).
  private int nameStart;
  private int nameEnd;
  private int nameFlags;
  private int[] lbl = new int[6 * 16];
  private int nLabels;
  private double value;
  private long timestamp;
  private boolean hasTimestamp;
  private int textStart;
  private int textEnd;
  // The series as written (name and label set), the scrape cache's key.
  private int seriesStart;
  private int seriesEnd;
  private boolean textEscaped;
  private MetricType type = MetricType.UNKNOWN;

  private int[] exLbl = new int[6 * 4];
  private int nExLabels;
  private boolean hasExemplar;
  private double exValue;
  private long exTimestamp;
  private boolean exHasTimestamp;

  // The family of the last TYPE line, for familyType().
  private byte[] familyName = new byte[0];
  private int familyLen = -1;
  private MetricType familyType = MetricType.UNKNOWN;

  private TextParser(byte[] b, int offset, int length, boolean om, StringCache cache) {
    if (offset < 0 || length < 0 || offset + length > b.length) {
      throw new IndexOutOfBoundsException("offset " + offset + " length " + length);
    }
    this.b = b;
    this.pos = offset;
    this.end = offset + length;
    this.om = om;
    this.cache = cache;
  }

  /** A parser for the Prometheus text format (0.0.4, and 1.0.0's quoted UTF-8 names). */
  public static TextParser prometheus(byte[] b, int offset, int length, StringCache cache) {
    return new TextParser(b, offset, length, false, cache);
  }

  public static TextParser prometheus(byte[] b, int offset, int length) {
    return prometheus(b, offset, length, new StringCache(256));
  }

  /** A parser for OpenMetrics 1.0 text, which must end with {@code # EOF}. */
  public static TextParser openMetrics(byte[] b, int offset, int length, StringCache cache) {
    return new TextParser(b, offset, length, true, cache);
  }

  public static TextParser openMetrics(byte[] b, int offset, int length) {
    return openMetrics(b, offset, length, new StringCache(256));
  }

  /** Advances to the next entry; {@link Entry#EOF} at the end, for good. */
  public Entry next() throws ParseException {
    if (failure != null) {
      throw failure;
    }
    if (finished) {
      return Entry.EOF;
    }
    nLabels = 0;
    nExLabels = 0;
    hasExemplar = false;
    hasTimestamp = false;
    exHasTimestamp = false;
    textEscaped = false;
    try {
      Entry e = om ? nextOpenMetrics() : nextPrometheus();
      if (e == Entry.EOF) {
        finished = true;
      }
      return e;
    } catch (ParseException e) {
      failure = e;
      throw e;
    }
  }

  // ---------------------------------------------------------------- Prometheus text format

  private Entry nextPrometheus() throws ParseException {
    for (; ; ) {
      lineStart = pos;
      entryLine = line;
      skipBlanks();
      if (pos >= end) {
        return Entry.EOF;
      }
      byte c = b[pos];
      if (c == '\n') {
        pos++;
        line++;
        continue; // blank lines are allowed
      }
      if (c == '#') {
        return promComment();
      }
      if (c == '{') {
        seriesStart = pos;
        nameStart = -1;
        pos++;
        parseLabels(false);
        requireName();
        seriesEnd = pos;
        return promSuffix();
      }
      if ((CLASS[c & 0xff] & NAME_START) != 0) {
        seriesStart = pos;
        scanMetricName();
        seriesEnd = pos;
        skipBlanks();
        if (pos < end && b[pos] == '{') {
          pos++;
          parseLabels(false);
          seriesEnd = pos;
        }
        return promSuffix();
      }
      throw tokenError("expected a valid start token", pos);
    }
  }

  private Entry promComment() throws ParseException {
    int hash = pos;
    pos++;
    if (pos < end && isBlank(b[pos])) {
      skipBlanks();
      int word = pos;
      Entry kind = null;
      if (startsWith(word, "HELP")) {
        kind = Entry.HELP;
      } else if (startsWith(word, "TYPE")) {
        kind = Entry.TYPE;
      }
      if (kind != null && word + 4 < end && isBlank(b[word + 4])) {
        pos = word + 4;
        skipBlanks();
        return promMeta(kind);
      }
      // Any other comment, including "# HELPX": the text is what follows "# ".
      textStart = word;
    } else {
      textStart = hash;
    }
    textEnd = lineEnd(pos);
    consumeLine(textEnd);
    return Entry.COMMENT;
  }

  private Entry promMeta(Entry kind) throws ParseException {
    if (!scanMetaName()) {
      throw tokenError("expected metric name after " + kind.name(), pos);
    }
    int eol = lineEnd(pos);
    int t = pos;
    while (t < eol && isBlank(b[t])) {
      t++;
    }
    // The lexer takes everything after the name as text and drops its first character; a run of
    // blanks alone lexes as whitespace and leaves the text empty.
    if (t == eol) {
      textStart = textEnd = eol;
    } else {
      textStart = pos + 1;
      textEnd = eol;
    }
    consumeLine(eol);
    return finishMeta(kind, false);
  }

  private Entry promSuffix() throws ParseException {
    skipBlanks();
    int v = pos;
    while (pos < end) {
      byte c = b[pos];
      if (c == ' ' || c == '\t' || c == '\n' || c == '{') {
        break;
      }
      pos++;
    }
    if (pos == v) {
      throw tokenError("expected value after metric", v);
    }
    value = parseValue(v, pos);
    skipBlanks();
    if (pos < end && b[pos] != '\n') {
      if (!GoText.isDigit(b[pos])) {
        throw tokenError("expected timestamp or new record", pos);
      }
      int ts = pos;
      while (pos < end && GoText.isDigit(b[pos])) {
        pos++;
      }
      try {
        timestamp = GoText.parseInt(b, ts, pos);
      } catch (NumberException e) {
        throw error(e.getMessage() + " while parsing: " + GoText.quote(b, lineStart, pos));
      }
      hasTimestamp = true;
      skipBlanks();
      if (pos < end && b[pos] != '\n') {
        throw tokenError("expected next entry after timestamp", pos);
      }
    }
    consumeLine(pos); // the lexer appends a newline, so a missing last one is fine
    return Entry.SERIES;
  }

  // ---------------------------------------------------------------- OpenMetrics

  private Entry nextOpenMetrics() throws ParseException {
    lineStart = pos;
    entryLine = line;
    if (pos >= end) {
      throw error("data does not end with # EOF");
    }
    byte c = b[pos];
    if (c == '#') {
      if (startsWith(pos, "# EOF") && (pos + 5 == end || b[pos + 5] == '\n')) {
        pos = Math.min(end, pos + 6);
        if (pos < end) {
          throw error("unexpected data after # EOF");
        }
        return Entry.EOF;
      }
      Entry kind = null;
      if (startsWith(pos, "# HELP ")) {
        kind = Entry.HELP;
      } else if (startsWith(pos, "# TYPE ")) {
        kind = Entry.TYPE;
      } else if (startsWith(pos, "# UNIT ")) {
        kind = Entry.UNIT;
      }
      if (kind == null) {
        throw tokenError("expected a valid start token", pos);
      }
      pos += 7;
      if (!scanMetaName()) {
        throw tokenError("expected metric name after " + kind.name(), pos);
      }
      int eol = lineEnd(pos);
      if (pos >= end || b[pos] != ' ' || eol == end) {
        throw error("expected text in " + kind.name());
      }
      textStart = pos + 1;
      textEnd = eol;
      consumeLine(eol);
      return finishMeta(kind, true);
    }
    if (c == '{') {
      seriesStart = pos;
      nameStart = -1;
      pos++;
      parseLabels(false);
      requireName();
      seriesEnd = pos;
      return omSuffix();
    }
    if ((CLASS[c & 0xff] & NAME_START) != 0) {
      seriesStart = pos;
      scanMetricName();
      if (pos < end && b[pos] == '{') {
        pos++;
        parseLabels(false);
      }
      seriesEnd = pos;
      return omSuffix();
    }
    throw tokenError("expected a valid start token", pos);
  }

  private Entry omSuffix() throws ParseException {
    int v = omToken();
    if (v < 0) {
      throw tokenError("expected value after metric", pos);
    }
    value = parseValue(v, pos);
    if (omAtExemplar()) {
      parseExemplar();
      return Entry.SERIES;
    }
    int ts = omToken();
    if (ts >= 0) {
      double secs = parseFloatAt(ts, pos);
      if (Double.isNaN(secs) || Double.isInfinite(secs)) {
        throw error("invalid timestamp " + GoText.formatF(secs));
      }
      timestamp = (long) (secs * 1000);
      hasTimestamp = true;
      if (omAtExemplar()) {
        parseExemplar();
        return Entry.SERIES;
      }
      omLinebreak("expected next entry after timestamp");
      return Entry.SERIES;
    }
    omLinebreak("expected timestamp or # symbol");
    return Entry.SERIES;
  }

  private void parseExemplar() throws ParseException {
    pos += 4; // " # {"
    hasExemplar = true;
    parseLabels(true);
    int v = omToken();
    if (v < 0) {
      throw tokenError("expected value after exemplar labels", pos);
    }
    exValue = parseValue(v, pos);
    int ts = omToken();
    if (ts >= 0) {
      double secs = parseFloatAt(ts, pos);
      if (Double.isNaN(secs) || Double.isInfinite(secs)) {
        throw error("invalid exemplar timestamp " + GoText.formatF(secs));
      }
      exTimestamp = (long) (secs * 1000);
      exHasTimestamp = true;
      omLinebreak("expected next entry after exemplar timestamp");
      return;
    }
    omLinebreak("expected timestamp or comment");
  }

  /** {@code " " [^ \n]+}: returns the token's start and leaves pos at its end, or -1. */
  private int omToken() {
    if (pos + 1 < end && b[pos] == ' ' && b[pos + 1] != ' ' && b[pos + 1] != '\n') {
      int s = ++pos;
      while (pos < end && b[pos] != ' ' && b[pos] != '\n') {
        pos++;
      }
      return s;
    }
    return -1;
  }

  private boolean omAtExemplar() {
    return startsWith(pos, " # {");
  }

  private void omLinebreak(String expectation) throws ParseException {
    if (pos >= end) {
      throw error("data does not end with # EOF");
    }
    if (b[pos] != '\n') {
      throw tokenError(expectation, pos);
    }
    consumeLine(pos);
  }

  // ---------------------------------------------------------------- shared pieces

  private Entry finishMeta(Entry kind, boolean omEscapes) throws ParseException {
    switch (kind) {
      case TYPE -> {
        type = typeOf(textStart, textEnd);
        familyLen = nameEnd - nameStart;
        if (familyName.length < familyLen) {
          familyName = new byte[Math.max(familyLen, 2 * familyName.length)];
        }
        System.arraycopy(b, nameStart, familyName, 0, familyLen);
        familyType = type;
      }
      case HELP -> {
        if (!GoText.validUtf8(b, textStart, textEnd)) {
          throw error(
              "help text " + GoText.quote(b, textStart, textEnd) + " is not a valid utf8 string");
        }
        textEscaped = indexOf((byte) '\\', textStart, textEnd) >= 0;
        helpOmEscapes = omEscapes;
      }
      case UNIT -> {
        int ul = textEnd - textStart;
        int nl = nameEnd - nameStart;
        if (ul > 0
            && (nl < ul + 1
                || !Arrays.equals(b, nameEnd - ul, nameEnd, b, textStart, textEnd)
                || b[nameEnd - ul - 1] != '_')) {
          throw error(
              "unit "
                  + GoText.quote(b, textStart, textEnd)
                  + " not a suffix of metric "
                  + GoText.quote(b, nameStart, nameEnd));
        }
      }
      default -> throw new AssertionError(kind);
    }
    return kind;
  }

  private boolean helpOmEscapes;

  private MetricType typeOf(int from, int to) throws ParseException {
    String s = new String(b, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
    MetricType t =
        switch (s) {
          case "counter" -> MetricType.COUNTER;
          case "gauge" -> MetricType.GAUGE;
          case "histogram" -> MetricType.HISTOGRAM;
          case "summary" -> MetricType.SUMMARY;
          case "untyped" -> om ? null : MetricType.UNKNOWN;
          case "unknown" -> om ? MetricType.UNKNOWN : null;
          case "gaugehistogram" -> om ? MetricType.GAUGE_HISTOGRAM : null;
          case "info" -> om ? MetricType.INFO : null;
          case "stateset" -> om ? MetricType.STATESET : null;
          default -> null;
        };
    if (t == null) {
      throw error("invalid metric type " + GoText.quote(b, from, to));
    }
    return t;
  }

  private void scanMetricName() {
    nameStart = pos;
    nameFlags = 0;
    pos++;
    while (pos < end && (CLASS[b[pos] & 0xff] & NAME_CHAR) != 0) {
      pos++;
    }
    nameEnd = pos;
  }

  /** A metric name in a HELP/TYPE/UNIT line: plain or quoted. */
  private boolean scanMetaName() throws ParseException {
    if (pos < end && (CLASS[b[pos] & 0xff] & NAME_START) != 0) {
      scanMetricName();
      return true;
    }
    if (pos < end && b[pos] == '"') {
      int q = pos;
      int flags = scanQuoted(!om);
      if (flags < 0) {
        pos = q;
        return false;
      }
      nameStart = q + 1;
      nameEnd = pos - 1;
      nameFlags = flags;
      checkUtf8(nameStart, nameEnd, flags, q, pos);
      return true;
    }
    return false;
  }

  private void requireName() throws ParseException {
    if (nameStart < 0) {
      throw error("metric name not set while parsing: " + GoText.quote(b, lineStart, pos));
    }
  }

  /**
   * The label set after "{" up to and including "}". Prometheus' format allows blanks anywhere
   * between tokens and labels without a comma between them; OpenMetrics allows neither.
   */
  private void parseLabels(boolean exemplar) throws ParseException {
    boolean prom = !om;
    if (prom) {
      skipBlanks();
    }
    for (; ; ) {
      if (pos >= end) {
        throw tokenError("expected label name", pos);
      }
      byte c = b[pos];
      if (c == '}') {
        pos++;
        return;
      }
      int ns = pos;
      int ne;
      int nflags = 0;
      boolean quoted = false;
      if ((CLASS[c & 0xff] & LABEL_START) != 0) {
        pos++;
        while (pos < end && (CLASS[b[pos] & 0xff] & LABEL_CHAR) != 0) {
          pos++;
        }
        ne = pos;
      } else if (c == '"') {
        nflags = scanQuoted(prom);
        if (nflags < 0) {
          throw tokenError("expected label name", ns);
        }
        quoted = true;
        ne = pos;
      } else {
        throw tokenError("expected label name", pos);
      }
      if (prom) {
        skipBlanks();
      }
      if (quoted && pos < end && (b[pos] == ',' || b[pos] == '}')) {
        // A quoted string on its own is the metric name (text format 1.0.0).
        if (exemplar) {
          throw tokenError("expected label name", pos);
        }
        if (nameStart >= 0) {
          throw error(
              "metric name already set while parsing: " + GoText.quote(b, lineStart, pos + 1));
        }
        checkUtf8(ns + 1, ne - 1, nflags, ns, ne);
        nameStart = ns + 1;
        nameEnd = ne - 1;
        nameFlags = nflags;
        if (b[pos++] == '}') {
          return;
        }
        if (prom) {
          skipBlanks();
        }
        continue;
      }
      if (quoted) {
        checkUtf8(ns + 1, ne - 1, nflags, ns, ne);
        ns++;
        ne--;
      }
      if (pos >= end || b[pos] != '=') {
        throw tokenError("expected equal", pos);
      }
      pos++;
      if (prom) {
        skipBlanks();
      }
      int vq = pos;
      int vflags = pos < end && b[pos] == '"' ? scanQuoted(prom) : -1;
      if (vflags < 0) {
        pos = vq;
        throw tokenError("expected label value", vq);
      }
      if ((vflags & NON_ASCII) != 0 && !GoText.validUtf8(b, vq + 1, pos - 1)) {
        throw error("invalid UTF-8 label value: " + GoText.quote(b, vq, pos));
      }
      addLabel(exemplar, ns, ne, nflags, vq + 1, pos - 1, vflags);
      if (prom) {
        skipBlanks();
        if (pos < end && b[pos] == ',') {
          pos++;
          skipBlanks();
        }
      } else if (pos < end && b[pos] == ',') {
        pos++;
      } else if (pos >= end || b[pos] != '}') {
        throw tokenError("expected comma or brace close", pos);
      }
    }
  }

  private void addLabel(boolean exemplar, int ns, int ne, int nf, int vs, int ve, int vf) {
    int[] a = exemplar ? exLbl : lbl;
    int n = exemplar ? nExLabels : nLabels;
    if (6 * n + 6 > a.length) {
      a = Arrays.copyOf(a, a.length * 2);
      if (exemplar) {
        exLbl = a;
      } else {
        lbl = a;
      }
    }
    int k = 6 * n;
    a[k] = ns;
    a[k + 1] = ne;
    a[k + 2] = nf;
    a[k + 3] = vs;
    a[k + 4] = ve;
    a[k + 5] = vf;
    if (exemplar) {
      nExLabels++;
    } else {
      nLabels++;
    }
  }

  /**
   * A double-quoted string at pos: {@code "(\\.|[^\\"])*"}, without newlines in OpenMetrics. Leaves
   * pos after the closing quote and returns its flags, or -1 when it does not close on the line.
   */
  private int scanQuoted(boolean newlinesAllowed) {
    int flags = 0;
    int i = pos + 1;
    int newlines = 0;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        pos = i + 1;
        line += newlines;
        return flags;
      }
      if (c == '\\') {
        flags |= ESCAPED;
        i++;
        if (i >= end) {
          return -1;
        }
        c = b[i];
        if (c == '\n') {
          if (!newlinesAllowed) {
            return -1;
          }
          newlines++;
        }
        if (c < 0) {
          flags |= NON_ASCII;
        }
      } else if (c == '\n') {
        if (!newlinesAllowed) {
          return -1;
        }
        newlines++;
      } else if (c < 0) {
        flags |= NON_ASCII;
      }
      i++;
    }
    return -1;
  }

  private void checkUtf8(int from, int to, int flags, int qs, int qe) throws ParseException {
    if ((flags & NON_ASCII) != 0 && !GoText.validUtf8(b, from, to)) {
      throw error("invalid UTF-8 label value: " + GoText.quote(b, qs, qe));
    }
  }

  private double parseValue(int from, int to) throws ParseException {
    double d = parseFloatAt(from, to);
    return Double.isNaN(d) ? NORMAL_NAN : d;
  }

  private double parseFloatAt(int from, int to) throws ParseException {
    try {
      return GoText.parseFloat(b, from, to);
    } catch (NumberException e) {
      throw error(e.getMessage() + " while parsing: " + GoText.quote(b, lineStart, to));
    }
  }

  private void skipBlanks() {
    while (pos < end && (b[pos] == ' ' || b[pos] == '\t')) {
      pos++;
    }
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  private boolean startsWith(int at, String s) {
    if (at + s.length() > end) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (b[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(byte c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private int lineEnd(int from) {
    int i = indexOf((byte) '\n', from, end);
    return i < 0 ? end : i;
  }

  /** Moves past the newline at {@code eol} (or to the end of input). */
  private void consumeLine(int eol) {
    if (eol < end) {
      pos = eol + 1;
      line++;
    } else {
      pos = end;
    }
  }

  private ParseException error(String reason) {
    return new ParseException(entryLine, reason);
  }

  /**
   * Prometheus' parseError: what was expected, the offending token and the line read so far. The
   * token is named by its first character, where the Go lexer names the whole token.
   */
  private ParseException tokenError(String expectation, int at) {
    String got;
    String kind;
    if (at >= end) {
      got = "\"\"";
      kind = "EOF";
    } else {
      got = GoText.quote(b, at, at + 1);
      kind =
          switch (b[at]) {
            case '\n' -> "LINEBREAK";
            case '{' -> "BOPEN";
            case '}' -> "BCLOSE";
            case ',' -> "COMMA";
            case '=' -> "EQUAL";
            case ' ', '\t' -> "WHITESPACE";
            default -> "INVALID";
          };
    }
    int e = Math.min(end, at + 1);
    return error(
        expectation
            + ", got "
            + got
            + " (\""
            + kind
            + "\") while parsing: "
            + GoText.quote(b, lineStart, e));
  }

  // ---------------------------------------------------------------- accessors

  /** The 1-based line where the current entry starts. */
  public int line() {
    return entryLine;
  }

  /** The metric name of a SERIES, or the family name of a HELP, TYPE or UNIT entry. */
  public String metricName() {
    return string(nameStart, nameEnd, nameFlags);
  }

  /** True if the current entry's metric name equals {@code name}, without making a String. */
  public boolean metricNameEquals(String name) {
    if ((nameFlags & (ESCAPED | NON_ASCII)) != 0) {
      return metricName().equals(name);
    }
    int n = nameEnd - nameStart;
    if (n != name.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[nameStart + i] != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A hash of the current SERIES exactly as written (name and label set, before the value), for a
   * scrape cache that maps the text of a series to what it built from it the last time, as
   * Prometheus' scrape cache does, so a known series costs no label parsing.
   */
  public int seriesHash() {
    int h = 1;
    for (int i = seriesStart; i < seriesEnd; i++) {
      h = 31 * h + b[i];
    }
    return h;
  }

  /** Whether the current SERIES is written exactly as {@code key}. */
  public boolean seriesEquals(byte[] key) {
    return Arrays.equals(b, seriesStart, seriesEnd, key, 0, key.length);
  }

  /** The current SERIES exactly as written, copied: the key {@link #seriesEquals} compares. */
  public byte[] seriesBytes() {
    return Arrays.copyOfRange(b, seriesStart, seriesEnd);
  }

  /** The number of labels of the current SERIES, not counting the metric name. */
  public int labelCount() {
    return nLabels;
  }

  public String labelName(int i) {
    int k = 6 * checkIndex(i, nLabels);
    return string(lbl[k], lbl[k + 1], lbl[k + 2]);
  }

  public String labelValue(int i) {
    int k = 6 * checkIndex(i, nLabels);
    return string(lbl[k + 3], lbl[k + 4], lbl[k + 5]);
  }

  /**
   * Sets {@code __name__} and every label of the current SERIES into {@code builder}, which is not
   * reset first, so target labels may already be in it (the series' own labels win on a clash;
   * honor_labels is the caller's business).
   */
  public void labels(Labels.Builder builder) {
    builder.set("__name__", metricName());
    for (int i = 0; i < nLabels; i++) {
      int k = 6 * i;
      builder.set(
          string(lbl[k], lbl[k + 1], lbl[k + 2]), string(lbl[k + 3], lbl[k + 4], lbl[k + 5]));
    }
  }

  /** The sample value; a parsed NaN is {@link #NORMAL_NAN}. */
  public double value() {
    return value;
  }

  public boolean hasTimestamp() {
    return hasTimestamp;
  }

  /** The sample's timestamp in milliseconds; meaningful only when {@link #hasTimestamp()}. */
  public long timestamp() {
    return timestamp;
  }

  /** The type declared by a TYPE entry. */
  public MetricType type() {
    return type;
  }

  /**
   * The type of the current SERIES' family: the last TYPE line's type when this series belongs to
   * that family ({@code _bucket}, {@code _sum}, {@code _count}, {@code _total}, {@code _gsum}... as
   * Prometheus' isSeriesPartOfFamily decides), {@link MetricType#UNKNOWN} otherwise.
   */
  public MetricType familyType() {
    if (familyLen < 0 || nameEnd - nameStart < familyLen) {
      return MetricType.UNKNOWN;
    }
    String name = metricName();
    String fam = new String(familyName, 0, familyLen, java.nio.charset.StandardCharsets.UTF_8);
    return isSeriesPartOfFamily(name, fam, familyType) ? familyType : MetricType.UNKNOWN;
  }

  static boolean isSeriesPartOfFamily(String name, String family, MetricType t) {
    if (!name.startsWith(family)) {
      return false;
    }
    String got = name;
    switch (t) {
      case COUNTER -> {
        family = cutSuffix(family, "_total");
        got = cutSuffix(name, "_total");
      }
      case HISTOGRAM -> got = cutFirst(name, "_bucket", "_sum", "_count");
      case GAUGE_HISTOGRAM -> got = cutFirst(name, "_bucket", "_gsum", "_gcount");
      case SUMMARY -> got = cutFirst(name, "_sum", "_count");
      case INFO -> {
        family = cutSuffix(family, "_info");
        got = cutSuffix(name, "_info");
      }
      default -> {}
    }
    return family.equals(got);
  }

  private static String cutSuffix(String s, String suffix) {
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  private static String cutFirst(String s, String... suffixes) {
    for (String suffix : suffixes) {
      if (s.endsWith(suffix)) {
        return s.substring(0, s.length() - suffix.length());
      }
    }
    return s;
  }

  /**
   * True for an OpenMetrics {@code _created} series of a counter, histogram, gauge histogram or
   * summary family, which Prometheus skips when it ingests created timestamps.
   */
  public boolean isCreatedSeries() {
    if (!om || familyLen < 0) {
      return false;
    }
    String name = metricName();
    if (!name.endsWith("_created")) {
      return false;
    }
    String base = name.substring(0, name.length() - "_created".length());
    String fam = new String(familyName, 0, familyLen, java.nio.charset.StandardCharsets.UTF_8);
    return switch (familyType) {
      case COUNTER -> cutSuffix(fam, "_total").equals(base);
      case HISTOGRAM, GAUGE_HISTOGRAM, SUMMARY -> fam.equals(base);
      default -> false;
    };
  }

  /**
   * The text of a HELP entry (unescaped: {@code \\} and {@code \n}, plus {@code \"} in
   * OpenMetrics), a UNIT entry's unit, or a COMMENT's text.
   */
  public String text() {
    String s = StringCache.decode(b, textStart, textEnd, false);
    if (!textEscaped) {
      return s;
    }
    return unescape(s, helpOmEscapes);
  }

  public boolean hasExemplar() {
    return hasExemplar;
  }

  /** Sets the exemplar's labels into {@code builder} (not reset first). */
  public void exemplarLabels(Labels.Builder builder) {
    for (int i = 0; i < nExLabels; i++) {
      int k = 6 * i;
      builder.set(
          string(exLbl[k], exLbl[k + 1], exLbl[k + 2]),
          string(exLbl[k + 3], exLbl[k + 4], exLbl[k + 5]));
    }
  }

  public double exemplarValue() {
    return exValue;
  }

  public boolean exemplarHasTimestamp() {
    return exHasTimestamp;
  }

  /** The exemplar's timestamp in milliseconds; meaningful only when it has one. */
  public long exemplarTimestamp() {
    return exTimestamp;
  }

  private static int checkIndex(int i, int n) {
    return java.util.Objects.checkIndex(i, n);
  }

  private String string(int from, int to, int flags) {
    if ((flags & ESCAPED) == 0) {
      return cache.get(b, from, to, (flags & NON_ASCII) == 0);
    }
    return unescape(StringCache.decode(b, from, to, (flags & NON_ASCII) == 0), true);
  }

  /**
   * Go's strings.Replacer semantics: {@code \\}, {@code \n} (and {@code \"} in label values) are
   * replaced, any other backslash stays as it is.
   */
  static String unescape(String s, boolean quotes) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        if (n == '\\') {
          sb.append('\\');
          i++;
          continue;
        } else if (n == 'n') {
          sb.append('\n');
          i++;
          continue;
        } else if (n == '"' && quotes) {
          sb.append('"');
          i++;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
