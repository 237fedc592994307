package dev.jalloy.syntax.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.go.ByteSize;
import dev.jalloy.syntax.parser.ParseResult;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.syntax.vm.Evaluator;
import dev.jalloy.syntax.vm.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {

  /** A receiver-like capsule payload type. */
  interface Sink {}

  record NamedSink(String name) implements Sink {}

  record BasicAuth(@Attr("username") String username, @Attr("password") Value.Secret password) {}

  record Endpoint(
      @Attr("url") String url,
      @Attr(value = "remote_timeout", optional = true) Duration remoteTimeout,
      @Block(value = "basic_auth", optional = true) Optional<BasicAuth> basicAuth) {
    static Endpoint defaults() {
      return new Endpoint("", Duration.ofSeconds(30), Optional.empty());
    }
  }

  record Rule(
      @Attr(value = "source_labels", optional = true) List<String> sourceLabels,
      @Attr(value = "action", optional = true) String action) {
    static Rule defaults() {
      return new Rule(List.of(), "replace");
    }
  }

  record Args(
      @Attr("targets") List<Map<String, String>> targets,
      @Attr("forward_to") List<Sink> forwardTo,
      @Attr(value = "scrape_interval", optional = true) Duration scrapeInterval,
      @Attr(value = "body_size_limit", optional = true) ByteSize bodySizeLimit,
      @Attr(value = "honor_labels", optional = true) boolean honorLabels,
      @Attr(value = "sample_limit", optional = true) int sampleLimit,
      @Attr(value = "job_name", optional = true) Optional<String> jobName,
      @Attr(value = "params", optional = true) Map<String, List<String>> params,
      @Block("endpoint") List<Endpoint> endpoints,
      @Block(value = "rule", optional = true) List<Rule> rules,
      @Block(value = "tls_config", optional = true) Optional<Tls> tls)
      implements Validated {
    static Args defaults() {
      return new Args(
          List.of(),
          List.of(),
          Duration.ofMinutes(1),
          new ByteSize(0),
          false,
          0,
          Optional.empty(),
          Map.of(),
          List.of(),
          List.of(),
          Optional.empty());
    }

    @Override
    public void validate() {
      if (sampleLimit < 0) {
        throw new IllegalArgumentException("sample_limit must not be negative");
      }
    }
  }

  record Tls(@Attr(value = "insecure_skip_verify", optional = true) boolean insecure) {}

  sealed interface Stage permits JsonStage, RegexStage {}

  @BlockName("json")
  record JsonStage(@Attr("expressions") Map<String, String> expressions) implements Stage {}

  @BlockName("regex")
  record RegexStage(@Attr("expression") String expression) implements Stage {}

  record Process(
      @Attr("forward_to") List<Sink> forwardTo, @EnumBlock("stage") List<Stage> stages) {}

  record Labeled(@Label String label, @Attr(value = "x", optional = true) long x) {}

  record Outer(@Block(value = "inner", optional = true) List<Labeled> inner) {}

  private static final Scope SCOPE =
      Scope.root(new Stdlib(n -> Optional.empty(), "h", "1.0.0").identifiers())
          .child(
              Map.of(
                  "sink",
                  Value.object(
                      Map.of("receiver", Value.capsule("loki.LogsReceiver", new NamedSink("a")))),
                  "secret_pw",
                  Value.secret("pw")));

  private static <R> Decoded<R> decode(String source, Class<R> type) {
    SourceFile file = SourceFile.of("test.alloy", source);
    ParseResult parsed = Parser.parse(file);
    assertThat(parsed.diagnostics().asList()).isEmpty();
    BlockStmt block = (BlockStmt) parsed.file().body().getFirst();
    return new BodyDecoder(new Evaluator(file)).decodeArguments(block, type, SCOPE);
  }

  private static <R> Decoded<R> decodeBlock(String source, Class<R> type) {
    SourceFile file = SourceFile.of("test.alloy", source);
    BlockStmt block = (BlockStmt) Parser.parse(file).file().body().getFirst();
    return new BodyDecoder(new Evaluator(file)).decode(block, type, SCOPE);
  }

  private static List<String> errors(Decoded<?> d) {
    return d.diagnostics().asList().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void decodesEveryKindOfMemberAndKeepsDefaults() {
    Decoded<Args> d =
        decode(
            """
            prometheus.scrape {
              targets         = [{"__address__" = "localhost:9090", job = "x"}]
              forward_to      = [sink.receiver]
              body_size_limit = "1MiB"
              sample_limit    = 5
              params          = { "format" = ["prometheus"] }
              endpoint {
                url = "http://a"
                basic_auth {
                  username = "u"
                  password = secret_pw
                }
              }
              endpoint {
                url            = "http://b"
                remote_timeout = "1m30s"
              }
              rule { source_labels = ["a"] }
              rule { action = "drop" }
            }
            """,
            Args.class);
    assertThat(errors(d)).isEmpty();
    Args args = d.value().orElseThrow();
    assertThat(args.targets()).containsExactly(Map.of("__address__", "localhost:9090", "job", "x"));
    assertThat(args.forwardTo()).containsExactly(new NamedSink("a"));
    assertThat(args.scrapeInterval()).isEqualTo(Duration.ofMinutes(1)); // default kept
    assertThat(args.bodySizeLimit()).isEqualTo(new ByteSize(1024 * 1024));
    assertThat(args.sampleLimit()).isEqualTo(5);
    assertThat(args.jobName()).isEmpty();
    assertThat(args.params()).containsEntry("format", List.of("prometheus"));
    assertThat(args.endpoints()).hasSize(2);
    assertThat(args.endpoints().get(0).remoteTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(args.endpoints().get(0).basicAuth().orElseThrow().password().value())
        .isEqualTo("pw");
    assertThat(args.endpoints().get(1).remoteTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(args.rules())
        .containsExactly(new Rule(List.of("a"), "replace"), new Rule(List.of(), "drop"));
    assertThat(args.tls()).isEmpty();
  }

  @Test
  void explicitNullGivesTheZeroValueNotTheDefault() {
    Decoded<Args> d =
        decode(
            """
            s {
              targets         = []
              forward_to      = []
              scrape_interval = null
              endpoint { url = "x" }
            }
            """,
            Args.class);
    assertThat(errors(d)).isEmpty();
    assertThat(d.value().orElseThrow().scrapeInterval()).isEqualTo(Duration.ZERO);
  }

  @Test
  void reportsEveryProblemOfTheBodyInOnePass() {
    Decoded<Args> d =
        decode(
            """
            s {
              targets      = "not a list"
              bogus        = 1
              sample_limit = 1
              sample_limit = 2
              endpoint {
                remote_timeout = "5d"
              }
              tls_config { }
              tls_config { }
              unknown_block { }
            }
            """,
            Args.class);
    assertThat(d.ok()).isFalse();
    assertThat(errors(d))
        .containsExactly(
            "test.alloy:2:18: \"not a list\" should be array, got string",
            "test.alloy:3:3: unrecognized attribute name \"bogus\"",
            "test.alloy:5:3: attribute \"sample_limit\" may only be provided once",
            "test.alloy:7:22: \"5d\" time: unknown unit \"d\" in duration \"5d\"",
            "test.alloy:6:3: missing required attribute \"url\"",
            "test.alloy:10:3: block \"tls_config\" may only be specified once",
            "test.alloy:11:3: unrecognized block name \"unknown_block\"",
            "test.alloy:1:1: missing required attribute \"forward_to\"");
  }

  @Test
  void pointsAtTheElementAtFault() {
    Decoded<Args> d =
        decode(
            """
            s {
              targets    = [{a = "ok"}, {b = 1, c = ["x"]}]
              forward_to = [sink.receiver, "nope"]
              endpoint { url = "x" }
            }
            """,
            Args.class);
    assertThat(errors(d))
        .containsExactly(
            "test.alloy:2:41: [\"x\"] should be string, got array",
            "test.alloy:3:32: \"nope\" should be capsule, got string");
  }

  @Test
  void missingRequiredBlock() {
    Decoded<Args> d = decode("s {\n  targets = []\n  forward_to = []\n}\n", Args.class);
    assertThat(errors(d)).containsExactly("test.alloy:1:1: missing required block \"endpoint\"");
  }

  @Test
  void attributeUsedAsBlockAndBlockUsedAsAttribute() {
    Decoded<Args> d =
        decode(
            """
            s {
              targets    = []
              forward_to = []
              endpoint   = 1
              scrape_interval { }
            }
            """,
            Args.class);
    assertThat(errors(d))
        .containsExactly(
            "test.alloy:4:3: \"endpoint\" must be a block, but is used as an attribute",
            "test.alloy:5:3: \"scrape_interval\" must be an attribute, but is used as a block",
            "test.alloy:1:1: missing required block \"endpoint\"");
  }

  @Test
  void validationRunsAfterDecoding() {
    Decoded<Args> d =
        decode(
            "s {\n targets = []\n forward_to = []\n sample_limit = -1\n endpoint { url = \"x\" }\n}\n",
            Args.class);
    assertThat(errors(d)).containsExactly("test.alloy:1:1: sample_limit must not be negative");
  }

  @Test
  void enumBlocksKeepFileOrderAcrossKinds() {
    Decoded<Process> d =
        decode(
            """
            loki.process "p" {
              forward_to = [sink.receiver]
              stage.regex { expression = "a" }
              stage.json { expressions = { x = "" } }
              stage.regex { expression = "b" }
            }
            """,
            Process.class);
    assertThat(errors(d)).isEmpty();
    assertThat(d.value().orElseThrow().stages())
        .containsExactly(new RegexStage("a"), new JsonStage(Map.of("x", "")), new RegexStage("b"));
  }

  @Test
  void unknownEnumMemberIsAnUnrecognizedBlock() {
    Decoded<Process> d = decode("p {\n forward_to = []\n stage.nope { }\n}\n", Process.class);
    assertThat(errors(d)).containsExactly("test.alloy:3:2: unrecognized block name \"stage.nope\"");
  }

  @Test
  void labelRules() {
    Decoded<Outer> d =
        decode(
            """
            o {
              inner "a" { x = 1 }
              inner { x = 2 }
            }
            """,
            Outer.class);
    assertThat(errors(d))
        .containsExactly("test.alloy:3:3: block \"inner\" requires non-empty label");
    Decoded<Labeled> labeled = decodeBlock("l \"name\" { x = 3 }", Labeled.class);
    assertThat(labeled.value().orElseThrow()).isEqualTo(new Labeled("name", 3));
    Decoded<Tls> unlabeled = decodeBlock("t \"x\" { }", Tls.class);
    assertThat(errors(unlabeled))
        .containsExactly("test.alloy:1:1: block \"t\" does not support specifying labels");
  }

  @Test
  void numbersAndStringsConvertAsAlloyDoes() {
    Decoded<Args> d =
        decode(
            """
            s {
              targets      = [{a = 1.5, b = 10}]
              forward_to   = []
              sample_limit = "7"
              endpoint { url = 8080 }
            }
            """,
            Args.class);
    assertThat(errors(d)).isEmpty();
    Args args = d.value().orElseThrow();
    assertThat(args.targets()).containsExactly(Map.of("a", "1.5", "b", "10"));
    assertThat(args.sampleLimit()).isEqualTo(7);
    assertThat(args.endpoints().getFirst().url()).isEqualTo("8080");
  }

  @Test
  void secretsDoNotDecodeIntoStrings() {
    Decoded<Args> d =
        decode(
            "s {\n targets = []\n forward_to = []\n endpoint { url = secret_pw }\n}\n", Args.class);
    assertThat(errors(d))
        .containsExactly("test.alloy:4:19: secret_pw secrets may not be converted into strings");
  }

  @Test
  void evaluationErrorsAreReportedWithTheirPosition() {
    Decoded<Args> d =
        decode(
            "s {\n targets = [missing.thing]\n forward_to = []\n endpoint { url = \"\" }\n}\n",
            Args.class);
    assertThat(errors(d)).containsExactly("test.alloy:2:13: identifier \"missing\" does not exist");
  }
}
