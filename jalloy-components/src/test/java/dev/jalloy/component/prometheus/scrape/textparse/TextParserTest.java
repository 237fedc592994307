package dev.jalloy.component.prometheus.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextParserTest {

  @Test
  void prometheusTextFormatWithEveryConstruct() throws ParseException {
    String input =
        """
        # HELP go_gc_duration_seconds A summary of the GC invocation durations.
        # 	TYPE go_gc_duration_seconds summary
        go_gc_duration_seconds{quantile="0"} 4.9351e-05
        go_gc_duration_seconds{quantile="0.25",} 7.424100000000001e-05
        go_gc_duration_seconds{ quantile = "1" , } 0.001
        go_gc_duration_seconds_sum 0.0018
        go_gc_duration_seconds_count 99

        # Hash in comment: # still a comment
        #no space comment
        # HELP nohelp
        # HELP escaped A \\\\backslash, a \\nnewline and \\"kept\\"
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        http_requests_total{method="post",code="400"}    3   1395066363000
        # TYPE escaped_labels untyped
        escaped_labels{a="x\\\\y",b="q\\"uote",c="new\\nline",d="other\\tescape"} -Inf
        nan_value NaN
        plus_inf{le="+Inf"} +Inf
        exp 1.5E+3
        ws_before_brace {a="b"} 1
        no_comma{a="1" b="2"} .5
        {"my.metric", "my.label"="v"} 1
        {"metric_only"} 2
        metric:with:colons 3\t7
        # TYPE hist histogram
        hist_bucket{le="0.1"} 1
        hist_bucket{le="+Inf"} 2
        hist_sum 0.3
        hist_count 2
        hist_other 1
        """;
    assertThat(Render.prom(input))
        .containsExactly(
            "HELP go_gc_duration_seconds A summary of the GC invocation durations.",
            "TYPE go_gc_duration_seconds summary",
            "{__name__=\"go_gc_duration_seconds\", quantile=\"0\"} 4.9351E-5 (summary)",
            "{__name__=\"go_gc_duration_seconds\", quantile=\"0.25\"} 7.424100000000001E-5 (summary)",
            "{__name__=\"go_gc_duration_seconds\", quantile=\"1\"} 0.001 (summary)",
            "{__name__=\"go_gc_duration_seconds_sum\"} 0.0018 (summary)",
            "{__name__=\"go_gc_duration_seconds_count\"} 99.0 (summary)",
            "COMMENT Hash in comment: # still a comment",
            "COMMENT #no space comment",
            "HELP nohelp ",
            "HELP escaped A \\backslash, a \nnewline and \\\"kept\\\"",
            "TYPE http_requests_total counter",
            "{__name__=\"http_requests_total\", code=\"200\", method=\"post\"} 1027.0 @1395066363000 (counter)",
            "{__name__=\"http_requests_total\", code=\"400\", method=\"post\"} 3.0 @1395066363000 (counter)",
            "TYPE escaped_labels unknown",
            "{__name__=\"escaped_labels\", a=\"x\\\\y\", b=\"q\\\"uote\", c=\"new\\nline\", d=\"other\\\\tescape\"} -Infinity (unknown)",
            "{__name__=\"nan_value\"} NormalNaN (unknown)",
            "{__name__=\"plus_inf\", le=\"+Inf\"} Infinity (unknown)",
            "{__name__=\"exp\"} 1500.0 (unknown)",
            "{__name__=\"ws_before_brace\", a=\"b\"} 1.0 (unknown)",
            "{__name__=\"no_comma\", a=\"1\", b=\"2\"} 0.5 (unknown)",
            "{__name__=\"my.metric\", my.label=\"v\"} 1.0 (unknown)",
            "{__name__=\"metric_only\"} 2.0 (unknown)",
            "{__name__=\"metric:with:colons\"} 3.0 @7 (unknown)",
            "TYPE hist histogram",
            "{__name__=\"hist_bucket\", le=\"0.1\"} 1.0 (histogram)",
            "{__name__=\"hist_bucket\", le=\"+Inf\"} 2.0 (histogram)",
            "{__name__=\"hist_sum\"} 0.3 (histogram)",
            "{__name__=\"hist_count\"} 2.0 (histogram)",
            "{__name__=\"hist_other\"} 1.0 (unknown)");
  }

  @Test
  void labelValueEscapes() throws ParseException {
    byte[] b = "m{v=\"a\\\\b\\\"c\\nd\\te\"} 1\n".getBytes(StandardCharsets.UTF_8);
    TextParser p = TextParser.prometheus(b, 0, b.length);
    assertThat(p.next()).isEqualTo(TextParser.Entry.SERIES);
    assertThat(p.labelName(0)).isEqualTo("v");
    assertThat(p.labelValue(0)).isEqualTo("a\\b\"c\nd\\te");
  }

  @Test
  void missingFinalNewlineAndBlankLinesAreFine() throws ParseException {
    assertThat(Render.prom("\n\n  a 1\n\nb 2")).hasSize(2);
    assertThat(Render.prom("")).isEmpty();
  }

  @Test
  void openMetricsWithEveryConstruct() throws ParseException {
    String input =
        """
        # HELP a help with \\\\ and \\" and \\n
        # TYPE a counter
        # UNIT a_seconds seconds
        a_total{x="1"} 1 1520879607.789
        a_created{x="1"} 1520430000.123
        # TYPE b gaugehistogram
        b_bucket{le="1"} 3 # {trace_id="abc"} 0.7 1700000000.123
        b_bucket{le="+Inf"} 4 # {} 1
        b_gcount 4
        b_gsum 2
        # TYPE c info
        c_info{version="1"} 1
        # TYPE d stateset
        d{d="x"} 1
        # TYPE e unknown
        e NaN
        # TYPE f summary
        f{quantile="0.5"} -Inf 12
        {"quoted.name","l"="v"} 1
        # EOF
        """;
    assertThat(Render.om(input))
        .containsExactly(
            "HELP a help with \\ and \" and \n",
            "TYPE a counter",
            "UNIT a_seconds seconds",
            "{__name__=\"a_total\", x=\"1\"} 1.0 @1520879607789 (counter)",
            "{__name__=\"a_created\", x=\"1\"} 1.520430000123E9 (unknown)",
            "TYPE b gaugehistogram",
            "{__name__=\"b_bucket\", le=\"1\"} 3.0 (gaugehistogram) # {trace_id=\"abc\"} 0.7 @1700000000123",
            "{__name__=\"b_bucket\", le=\"+Inf\"} 4.0 (gaugehistogram) # {} 1.0",
            "{__name__=\"b_gcount\"} 4.0 (gaugehistogram)",
            "{__name__=\"b_gsum\"} 2.0 (gaugehistogram)",
            "TYPE c info",
            "{__name__=\"c_info\", version=\"1\"} 1.0 (info)",
            "TYPE d stateset",
            "{__name__=\"d\", d=\"x\"} 1.0 (stateset)",
            "TYPE e unknown",
            "{__name__=\"e\"} NormalNaN (unknown)",
            "TYPE f summary",
            "{__name__=\"f\", quantile=\"0.5\"} -Infinity @12000 (summary)",
            "{__name__=\"quoted.name\", l=\"v\"} 1.0 (unknown)");
  }

  @Test
  void counterFamilyOwnsItsTotalAndCreatedSeries() throws ParseException {
    byte[] b =
        "# TYPE a counter\na_total 1\na_created 1.5e9\na_other 2\n# EOF\n"
            .getBytes(StandardCharsets.UTF_8);
    TextParser p = TextParser.openMetrics(b, 0, b.length);
    p.next();
    p.next();
    assertThat(p.familyType()).isEqualTo(MetricType.COUNTER);
    assertThat(p.isCreatedSeries()).isFalse();
    p.next();
    // a_created is not part of the family by isSeriesPartOfFamily's rules, as in Prometheus, but
    // it is the family's created-timestamp series.
    assertThat(p.metricNameEquals("a_created")).isTrue();
    assertThat(p.familyType()).isEqualTo(MetricType.UNKNOWN);
    assertThat(p.isCreatedSeries()).isTrue();
    p.next();
    assertThat(p.familyType()).isEqualTo(MetricType.UNKNOWN);
    assertThat(p.next()).isEqualTo(TextParser.Entry.EOF);
    assertThat(p.next()).isEqualTo(TextParser.Entry.EOF);
  }

  static Stream<Arguments> floats() {
    return Stream.of(
        Arguments.of("1", 1.0),
        Arguments.of("-1.5", -1.5),
        Arguments.of("+.5", 0.5),
        Arguments.of("5.", 5.0),
        Arguments.of("1e3", 1000.0),
        Arguments.of("1.7976931348623157e308", Double.MAX_VALUE),
        Arguments.of("4.9e-324", Double.MIN_VALUE),
        Arguments.of("1e-400", 0.0),
        Arguments.of("0.1", 0.1),
        Arguments.of("123456789012345678901234567890", 1.2345678901234568E29),
        Arguments.of("3.0000000000000004", 3.0000000000000004),
        Arguments.of("Inf", Double.POSITIVE_INFINITY),
        Arguments.of("+inf", Double.POSITIVE_INFINITY),
        Arguments.of("-Infinity", Double.NEGATIVE_INFINITY),
        Arguments.of("nan", TextParser.NORMAL_NAN),
        Arguments.of("1.2345e+06", 1234500.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("floats")
  void goFloatSyntax(String text, double expected) throws ParseException {
    byte[] b = ("m " + text + "\n").getBytes(StandardCharsets.UTF_8);
    TextParser p = TextParser.prometheus(b, 0, b.length);
    p.next();
    assertThat(Double.doubleToRawLongBits(p.value()))
        .isEqualTo(Double.doubleToRawLongBits(expected));
  }

  static Stream<Arguments> promErrors() {
    return Stream.of(
        Arguments.of(
            "hex float", "m 0x1p3\n", "unsupported character in float while parsing: \"m 0x1p3\""),
        Arguments.of(
            "hex int",
            "m 0x10\n",
            "strconv.ParseFloat: parsing \"0x10\": invalid syntax while parsing: \"m 0x10\""),
        Arguments.of("underscore", "m 1_000\n", "unsupported character in float"),
        Arguments.of(
            "signed nan", "m -NaN\n", "strconv.ParseFloat: parsing \"-NaN\": invalid syntax"),
        Arguments.of(
            "out of range",
            "m 1e400\n",
            "strconv.ParseFloat: parsing \"1e400\": value out of range"),
        Arguments.of(
            "no value",
            "m\n",
            "expected value after metric, got \"\\n\" (\"LINEBREAK\") while parsing: \"m\\n\""),
        Arguments.of(
            "no value at eof", "m{a=\"b\"}", "expected value after metric, got \"\" (\"EOF\")"),
        Arguments.of("bad timestamp", "m 1 12a\n", "expected next entry after timestamp"),
        Arguments.of("float timestamp", "m 1 1.5\n", "expected next entry after timestamp"),
        Arguments.of("negative timestamp", "m 1 -5\n", "expected timestamp or new record"),
        Arguments.of(
            "timestamp overflow",
            "m 1 99999999999999999999\n",
            "strconv.ParseInt: parsing \"99999999999999999999\": value out of range"),
        Arguments.of("bad start", "=1\n", "expected a valid start token, got \"=\" (\"EQUAL\")"),
        Arguments.of("nul start", "\0m 1\n", "expected a valid start token"),
        Arguments.of("no equal", "m{a \"b\"} 1\n", "expected equal"),
        Arguments.of("no label value", "m{a=b} 1\n", "expected label value"),
        Arguments.of("unterminated value", "m{a=\"b} 1\n", "expected label value"),
        Arguments.of("bad label name", "m{1a=\"b\"} 1\n", "expected label name"),
        Arguments.of("unclosed braces", "m{a=\"b\"", "expected label name, got \"\" (\"EOF\")"),
        Arguments.of(
            "no metric name",
            "{a=\"b\"} 1\n",
            "metric name not set while parsing: \"{a=\\\"b\\\"}\""),
        Arguments.of("two metric names", "m{\"n\"} 1\n", "metric name already set while parsing"),
        Arguments.of(
            "bad type", "# TYPE m gaugehistogram\n", "invalid metric type \"gaugehistogram\""),
        Arguments.of(
            "type with trailing text", "# TYPE m counter x\n", "invalid metric type \"counter x\""),
        Arguments.of("help without name", "# HELP\t\n", "expected metric name after HELP"),
        Arguments.of(
            "invalid utf8 value",
            "m{a=\"\u00ff\"} 1\n".replace("\u00ff", "\\xff"),
            "invalid UTF-8 label value"),
        Arguments.of("value then brace", "m 1{\n", "expected timestamp or new record"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("promErrors")
  void prometheusErrors(String name, String input, String reason) {
    byte[] b = bytes(input);
    assertThatThrownBy(() -> Render.all(TextParser.prometheus(b, 0, b.length)))
        .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.reason()).contains(reason));
  }

  static Stream<Arguments> omErrors() {
    return Stream.of(
        Arguments.of("no eof", "a 1\n", "data does not end with # EOF"),
        Arguments.of("no eof after meta", "# TYPE a gauge\n", "data does not end with # EOF"),
        Arguments.of("empty", "", "data does not end with # EOF"),
        Arguments.of("data after eof", "# EOF\na 1\n", "unexpected data after # EOF"),
        Arguments.of("blank line", "\n# EOF\n", "expected a valid start token"),
        Arguments.of("plain comment", "# hello\n# EOF\n", "expected a valid start token"),
        Arguments.of("untyped", "# TYPE a untyped\n# EOF\n", "invalid metric type \"untyped\""),
        Arguments.of(
            "unit not suffix",
            "# UNIT a_bytes seconds\n# EOF\n",
            "unit \"seconds\" not a suffix of metric \"a_bytes\""),
        Arguments.of("help without text", "# HELP a\n# EOF\n", "expected text in HELP"),
        Arguments.of("two spaces", "a  1\n# EOF\n", "expected value after metric"),
        Arguments.of("tab", "a\t1\n# EOF\n", "expected value after metric"),
        Arguments.of("no comma", "a{b=\"1\" c=\"2\"} 1\n# EOF\n", "expected comma or brace close"),
        Arguments.of("newline in value", "a{b=\"1\n\"} 1\n# EOF\n", "expected label value"),
        Arguments.of("nan timestamp", "a 1 NaN\n# EOF\n", "invalid timestamp NaN"),
        Arguments.of(
            "inf exemplar ts", "a 1 # {} 1 +Inf\n# EOF\n", "invalid exemplar timestamp +Inf"),
        Arguments.of(
            "exemplar no value",
            "a 1 # {a=\"b\"}\n# EOF\n",
            "expected value after exemplar labels"),
        Arguments.of("exemplar metric name", "a 1 # {\"x\"} 1\n# EOF\n", "expected label name"),
        Arguments.of("trailing junk", "a 1 2 3\n# EOF\n", "expected next entry after timestamp"),
        Arguments.of("truncated", "a 1", "data does not end with # EOF"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("omErrors")
  void openMetricsErrors(String name, String input, String reason) {
    byte[] b = bytes(input);
    assertThatThrownBy(() -> Render.all(TextParser.openMetrics(b, 0, b.length)))
        .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.reason()).contains(reason));
  }

  @Test
  void errorsCarryTheLineAndStick() throws ParseException {
    byte[] b = bytes("a 1\n# comment\n\nb{\n");
    TextParser p = TextParser.prometheus(b, 0, b.length);
    p.next();
    p.next();
    assertThatThrownBy(p::next)
        .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.line()).isEqualTo(4))
        .hasMessageStartingWith("line 4: expected label name");
    assertThatThrownBy(p::next).hasMessageStartingWith("line 4: ");
  }

  @Test
  void nulBytesAreKeptInLabelValuesAndComments() throws ParseException {
    assertThat(Render.prom("# a\0b\nm{a=\"x\0y\"} 1\n"))
        .containsExactly("COMMENT a\0b", "{__name__=\"m\", a=\"x\0y\"} 1.0 (unknown)");
  }

  @Test
  void aOneMegabyteLineParses() throws ParseException {
    String big = "v".repeat(1 << 20);
    byte[] b = bytes("m{a=\"" + big + "\"} 1\n");
    TextParser p = TextParser.prometheus(b, 0, b.length);
    assertThat(p.next()).isEqualTo(TextParser.Entry.SERIES);
    assertThat(p.labelValue(0)).hasSize(1 << 20);
  }

  @Test
  void offsetAndLengthBoundTheInput() throws ParseException {
    byte[] b = bytes("junk{ a 1\nb 2\njunk");
    TextParser p = TextParser.prometheus(b, 10, 4);
    assertThat(Render.all(p)).containsExactly("{__name__=\"b\"} 2.0 (unknown)");
  }

  @Test
  void arbitraryBytesOnlyEverRaiseParseException() {
    Random r = new Random(42);
    byte[] alphabet = bytes("abc_:{}=,\"\\# \t\n01.e+-InfNaN\0\u00e9HELPTYPEUNITEOF");
    for (int n = 0; n < 20_000; n++) {
      byte[] b = new byte[r.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = r.nextInt(8) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
      }
      for (boolean om : new boolean[] {false, true}) {
        TextParser p =
            om ? TextParser.openMetrics(b, 0, b.length) : TextParser.prometheus(b, 0, b.length);
        try {
          int guard = 0;
          for (TextParser.Entry e; (e = p.next()) != TextParser.Entry.EOF; ) {
            if (e == TextParser.Entry.SERIES) {
              p.labels(dev.jalloy.model.Labels.builder());
              p.familyType();
            } else if (e == TextParser.Entry.HELP || e == TextParser.Entry.COMMENT) {
              p.text();
            }
            assertThat(++guard).isLessThanOrEqualTo(b.length + 1);
          }
        } catch (ParseException expected) {
          assertThat(expected.reason()).isNotEmpty();
        }
      }
    }
  }

  @Test
  void contentTypeChoosesTheParser() {
    var fallback = java.util.Optional.of(ScrapeProtocol.PROMETHEUS_TEXT_0_0_4);
    assertThat(
            ScrapeProtocol.forContentType(
                "application/openmetrics-text; version=1.0.0; charset=utf-8", fallback))
        .contains(ScrapeProtocol.OPENMETRICS_TEXT_1_0_0);
    assertThat(
            ScrapeProtocol.forContentType("text/plain; version=0.0.4", java.util.Optional.empty()))
        .contains(ScrapeProtocol.PROMETHEUS_TEXT_0_0_4);
    assertThat(ScrapeProtocol.forContentType("", fallback)).isEqualTo(fallback);
    assertThat(ScrapeProtocol.forContentType("text/html", java.util.Optional.empty())).isEmpty();
  }

  @Test
  void acceptHeaderIsPrometheus() {
    assertThat(ScrapeProtocol.DEFAULT_ACCEPT_HEADER)
        .isEqualTo(
            "application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.6,"
                + "application/openmetrics-text;version=0.0.1;q=0.5,"
                + "text/plain;version=1.0.0;escaping=underscores;q=0.4,"
                + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2");
    assertThat(ScrapeProtocol.acceptHeader(List.of(ScrapeProtocol.PROMETHEUS_TEXT_0_0_4), "x"))
        .isEqualTo("text/plain;version=0.0.4;q=0.6,*/*;q=0.5");
  }

  private static byte[] bytes(String s) {
    // \xff in a test string stands for the raw byte 0xff.
    String marked = s.replace("\\xff", "\uffff");
    byte[] u = marked.getBytes(StandardCharsets.UTF_8);
    byte[] ff = "\uffff".getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < u.length; i++) {
      if (i + ff.length <= u.length
          && java.util.Arrays.equals(u, i, i + ff.length, ff, 0, ff.length)) {
        out.write(0xff);
        i += ff.length - 1;
      } else {
        out.write(u[i]);
      }
    }
    return out.toByteArray();
  }
}
