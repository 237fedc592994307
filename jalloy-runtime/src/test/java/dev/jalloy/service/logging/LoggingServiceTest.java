package dev.jalloy.service.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.runtime.ServiceBlock;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.decode.BodyDecoder;
import dev.jalloy.syntax.decode.Decoded;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.syntax.vm.Evaluator;
import dev.jalloy.syntax.vm.Scope;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LoggingServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-23T13:27:11.123456789Z");

  private final List<String> lines = new ArrayList<>();
  private final LoggingService service =
      new LoggingService(Clock.fixed(NOW, ZoneOffset.UTC), lines::add);

  private Logger component(String id) {
    return service.logger("dev.jalloy.component." + id, "component_path", "/", "component_id", id);
  }

  private static LoggingArguments args(String level, String format) {
    return new LoggingArguments(level, format, "stderr", List.of());
  }

  @Test
  void logfmtLineHasAlloysKeysInAlloysOrder() {
    service.apply(LoggingArguments.defaults());
    component("local.file.token")
        .atInfo()
        .addKeyValue("path", "/etc/token")
        .log("failed to read file");
    assertThat(lines)
        .containsExactly(
            "ts=2026-11-23T13:27:11.123456789Z level=info msg=\"failed to read file\""
                + " component_path=/ component_id=local.file.token path=/etc/token\n");
  }

  @Test
  void timestampsTrimTrailingZerosLikeGo() {
    StringBuilder sb = new StringBuilder();
    LineEncoder.appendTime(sb, Instant.parse("2026-01-02T03:04:05.120Z"));
    sb.append(' ');
    LineEncoder.appendTime(sb, Instant.parse("2026-01-02T03:04:05Z"));
    sb.append(' ');
    LineEncoder.appendTime(sb, Instant.parse("0099-12-31T23:59:59.000000001Z"));
    assertThat(sb)
        .hasToString("2026-01-02T03:04:05.12Z 2026-01-02T03:04:05Z 0099-12-31T23:59:59.000000001Z");
  }

  @Test
  void valuesAreQuotedAndEscapedAsSlogDoes() {
    service.apply(LoggingArguments.defaults());
    service
        .logger("dev.jalloy.test")
        .atWarn()
        .addKeyValue("plain", "a/b:c")
        .addKeyValue("space", "a b")
        .addKeyValue("equals", "a=b")
        .addKeyValue("quote", "say \"hi\"")
        .addKeyValue("newline", "a\nb")
        .addKeyValue("empty", "")
        .addKeyValue("backslash", "C:\\dir")
        .addKeyValue("unicode", "héllo→")
        .addKeyValue("nbsp", "a\u00a0b")
        .addKeyValue("number", 42)
        .addKeyValue("float", 1e6)
        .addKeyValue("duration", Duration.ofSeconds(90))
        .addKeyValue("null", (Object) null)
        .addKeyValue(" spaced key\n", 1)
        .addKeyValue("key=with\"quote", 2)
        .log("");
    assertThat(lines)
        .containsExactly(
            "ts=2026-11-23T13:27:11.123456789Z level=warn plain=a/b:c space=\"a b\""
                + " equals=\"a=b\" quote=\"say \\\"hi\\\"\" newline=\"a\\nb\" empty=\"\""
                + " backslash=C:\\dir unicode=héllo→ nbsp=\"a\\u00a0b\" number=42 float=1e+06"
                + " duration=1m30s null=<nil> spaced_key=1 key_with_quote=2\n");
  }

  @Test
  void jsonLinesHaveTheSameKeys() {
    service.apply(args("info", "json"));
    component("prometheus.scrape.x")
        .atError()
        .addKeyValue("target", "http://a<b>&c")
        .addKeyValue("count", 3)
        .addKeyValue("ok", true)
        .addKeyValue("took", Duration.ofMillis(1500))
        .addKeyValue("ctl", "tab\there\u0001\u2028")
        .log("scrape failed: \"{}\"", "boom");
    assertThat(lines)
        .containsExactly(
            "{\"ts\":\"2026-11-23T13:27:11.123456789Z\",\"level\":\"error\","
                + "\"msg\":\"scrape failed: \\\"boom\\\"\",\"component_path\":\"/\","
                + "\"component_id\":\"prometheus.scrape.x\",\"target\":\"http://a<b>&c\","
                + "\"count\":3,\"ok\":true,\"took\":1500000000,"
                + "\"ctl\":\"tab\\there\\u0001\\u2028\"}\n");
  }

  @Test
  void exceptionsBecomeErrAndMdcEntriesFollowTheContext() {
    service.apply(LoggingArguments.defaults());
    MDC.clear();
    Logger logger = component("loki.write.default");
    try {
      service.mdc().put("trace_id", "abc");
      logger.warn("could not send batch {}", 7, new IOException("connection refused"));
    } finally {
      service.mdc().clear();
    }
    assertThat(lines)
        .containsExactly(
            "ts=2026-11-23T13:27:11.123456789Z level=warn msg=\"could not send batch 7\""
                + " component_path=/ component_id=loki.write.default trace_id=abc"
                + " err=\"java.io.IOException: connection refused\"\n");
  }

  @Test
  void levelChangesApplyLiveToLoggersHandedOutEarlier() {
    Logger logger = component("local.file.a");
    service.apply(args("warn", "logfmt"));
    logger.info("hidden");
    logger.warn("shown");
    assertThat(logger.isInfoEnabled()).isFalse();

    service.apply(args("debug", "json"));
    assertThat(logger.isDebugEnabled()).isTrue();
    logger.debug("now visible");

    service.apply(args("error", "logfmt"));
    logger.warn("hidden again");
    logger.error("bad");
    String ts = "2026-11-23T13:27:11.123456789Z";
    String context = " component_path=/ component_id=local.file.a\n";
    assertThat(lines)
        .containsExactly(
            "ts=" + ts + " level=warn msg=shown" + context,
            "{\"ts\":\""
                + ts
                + "\",\"level\":\"debug\",\"msg\":\"now visible\","
                + "\"component_path\":\"/\",\"component_id\":\"local.file.a\"}\n",
            "ts=" + ts + " level=error msg=bad" + context);
  }

  @Test
  void traceIsNeverPrinted() {
    service.apply(args("debug", "logfmt"));
    Logger logger = service.logger("dev.jalloy.test");
    assertThat(logger.isTraceEnabled()).isFalse();
    logger.trace("nothing");
    logger.atTrace().log("nothing");
    assertThat(lines).isEmpty();
  }

  @Test
  void linesBeforeTheFirstApplyAreWrittenInTheFinalFormatAndLevel() {
    Logger logger = component("local.file.a");
    logger.debug("too verbose");
    logger.info("starting");
    logger.atWarn().addKeyValue("n", 1).log("early warning");
    assertThat(lines).isEmpty();

    service.apply(args("info", "json"));
    assertThat(lines)
        .containsExactly(
            "{\"ts\":\"2026-11-23T13:27:11.123456789Z\",\"level\":\"info\",\"msg\":\"starting\","
                + "\"component_path\":\"/\",\"component_id\":\"local.file.a\"}\n",
            "{\"ts\":\"2026-11-23T13:27:11.123456789Z\",\"level\":\"warn\","
                + "\"msg\":\"early warning\",\"component_path\":\"/\","
                + "\"component_id\":\"local.file.a\",\"n\":1}\n");

    // later applications do not replay anything
    service.apply(args("debug", "logfmt"));
    assertThat(lines).hasSize(2);
  }

  @Test
  void pendingLinesAreBoundedAndTheDropIsReported() {
    Logger logger = service.logger("dev.jalloy.test");
    for (int i = 0; i < LoggingService.MAX_PENDING + 5; i++) {
      logger.info("line {}", i);
    }
    service.applyDefaultsIfUnconfigured();
    assertThat(lines).hasSize(LoggingService.MAX_PENDING + 1);
    assertThat(lines.getLast())
        .isEqualTo(
            "ts=2026-11-23T13:27:11.123456789Z level=warn"
                + " msg=\"dropped log lines written before the logging block was applied\""
                + " count=5\n");
  }

  @Test
  void librariesAreHeldAtWarnUnlessLevelIsDebug() {
    Logger jetty = service.logger("org.eclipse.jetty.server.Server");
    service.apply(args("info", "logfmt"));
    jetty.info("jetty-12.1.4 started");
    jetty.warn("jetty warning");
    assertThat(jetty.isInfoEnabled()).isFalse();

    service.apply(args("debug", "logfmt"));
    jetty.debug("jetty debug");

    service.apply(args("error", "logfmt"));
    jetty.warn("suppressed");
    assertThat(lines)
        .extracting(l -> l.substring(l.indexOf("msg=")))
        .containsExactly("msg=\"jetty warning\"\n", "msg=\"jetty debug\"\n");
  }

  @Test
  void unknownValuesAreRejectedWithAlloysWords() {
    assertThatThrownBy(() -> args("verbose", "logfmt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unrecognized log level \"verbose\"");
    assertThatThrownBy(() -> args("info", "xml")).hasMessage("unrecognized log format \"xml\"");
    assertThatThrownBy(() -> new LoggingArguments("info", "json", "syslog", List.of()))
        .hasMessage("unrecognized log destination \"syslog\"");
    assertThat(args("", "")).isEqualTo(LoggingArguments.defaults());
  }

  @Test
  void windowsEventLogIsRejectedAndThePreviousSettingsStay() {
    service.apply(args("warn", "json"));
    assertThatThrownBy(
            () ->
                service.apply(
                    new LoggingArguments("debug", "logfmt", "windows_event_log", List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "failed to open Windows Event Log: windows event log not supported on this platform");
    assertThat(service.current()).contains(args("warn", "json"));
  }

  @Test
  void theBlockDecodesFromAlloySourceAndBadValuesAreDiagnostics() {
    assertThat(decode("logging {}").value()).contains(LoggingArguments.defaults());
    assertThat(decode("logging {\n  level = \"debug\"\n  format = \"json\"\n}").value())
        .contains(args("debug", "json"));
    assertThat(decode("logging {\n  write_to = [receiver]\n}").value().orElseThrow().writeTo())
        .containsExactly(RECEIVER);
    Decoded<LoggingArguments> bad = decode("logging {\n  level = \"verbose\"\n}");
    assertThat(bad.value()).isEmpty();
    assertThat(bad.diagnostics().asList())
        .extracting(Diagnostic::message)
        .containsExactly("unrecognized log level \"verbose\"");
  }

  @Test
  void theServiceBlockAppliesDecodedArgumentsAndDefaults() {
    ServiceBlock<LoggingArguments> block = service.serviceBlock();
    assertThat(block.name()).isEqualTo("logging");
    assertThat(block.arguments()).isEqualTo(LoggingArguments.class);
    assertThat(block.defaults()).isEqualTo(LoggingArguments.defaults());
    block.apply().accept(args("error", "json"));
    assertThat(service.current()).contains(args("error", "json"));
  }

  @Test
  void slf4jFindsThisBackend() {
    Logger logger = LoggerFactory.getLogger("dev.jalloy.test.Slf4j");
    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(JalloyLoggerFactory.class);
    assertThat(logger).isInstanceOf(JalloyLogger.class);
    assertThat(ComponentLoggers.forComponent("local.file.a").getName())
        .isEqualTo("dev.jalloy.component.local.file.a");
  }

  /** Stands in for a loki.LogsReceiver until the log pipeline defines one. */
  private static final Object RECEIVER = new Object();

  private static Decoded<LoggingArguments> decode(String source) {
    SourceFile file = SourceFile.of("config.alloy", source);
    BlockStmt block = (BlockStmt) Parser.parse(file).file().body().getFirst();
    Scope scope =
        Scope.root(new Stdlib(n -> Optional.empty(), "host", "1.0.0").identifiers())
            .child(Map.of("receiver", Value.capsule("loki.LogsReceiver", RECEIVER)));
    return new BodyDecoder(new Evaluator(file))
        .decodeArguments(block, LoggingArguments.class, scope);
  }
}
