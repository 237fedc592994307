package dev.jalloy.component.discovery.relabel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.LiveDebugging;
import dev.jalloy.component.Options;
import dev.jalloy.component.Services;
import dev.jalloy.component.common.relabel.RelabelRules;
import dev.jalloy.component.common.relabel.Rule;
import dev.jalloy.syntax.decode.ValueEncoder;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.testkit.ComponentHarness;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DiscoveryRelabelTest {
  private static final String PODS =
      """
      discovery.relabel "pods" {
        targets = [
          {"__address__" = "10.0.0.1:80", "__meta_ns" = "prod", "__meta_app" = "web"},
          {"__address__" = "10.0.0.2:80", "__meta_ns" = "dev", "__meta_app" = "db"},
          {"__address__" = "10.0.0.3:80", "__meta_ns" = "prod", "__meta_app" = "api"},
        ]
        rule {
          source_labels = ["__meta_ns"]
          regex         = "prod"
          action        = "keep"
        }
        rule {
          source_labels = ["__meta_app"]
          target_label  = "app"
        }
        rule {
          regex  = "__meta_.*"
          action = "labeldrop"
        }
      }
      """;

  @Test
  void relabelsTargetsFromAlloySourceAndExportsTheRules() throws Exception {
    try (var h = ComponentHarness.start(DiscoveryRelabel.REGISTRATION, PODS)) {
      DiscoveryRelabel.Exports exports = h.exports(DiscoveryRelabel.Exports.class);
      assertThat(exports.output())
          .containsExactly(
              Map.of("__address__", "10.0.0.1:80", "app", "web"),
              Map.of("__address__", "10.0.0.3:80", "app", "api"));
      assertThat(exports.rules().rules())
          .containsExactly(
              new Rule(List.of("__meta_ns"), ";", "prod", 0, "", "$1", "keep"),
              new Rule(List.of("__meta_app"), ";", "(.*)", 0, "app", "$1", "replace"),
              new Rule(List.of(), ";", "__meta_.*", 0, "", "$1", "labeldrop"));
      // rules cross the configuration as a capsule, output as plain Alloy values
      Value encoded = ValueEncoder.encode(exports);
      assertThat(encoded.toString()).contains("output");
      assertThat(ValueEncoder.encode(exports.rules())).isInstanceOf(Value.Capsule.class);
    }
  }

  @Test
  void withoutRulesTheOutputIsTheInput() throws Exception {
    String source =
        """
        discovery.relabel "x" {
          targets = [{"a" = "1", "empty" = ""}, {"b" = "2"}]
        }
        """;
    try (var h = ComponentHarness.start(DiscoveryRelabel.REGISTRATION, source)) {
      DiscoveryRelabel.Exports exports = h.exports(DiscoveryRelabel.Exports.class);
      assertThat(exports.output()).containsExactly(Map.of("a", "1", "empty", ""), Map.of("b", "2"));
      assertThat(exports.rules()).isEqualTo(new RelabelRules(List.of()));
    }
  }

  @Test
  void survivorsWithoutLabelsAreStillExported() throws Exception {
    String source =
        """
        discovery.relabel "x" {
          targets = [{"a" = "1"}, {"b" = "2"}]
          rule {
            regex  = ".*"
            action = "labeldrop"
          }
        }
        """;
    try (var h = ComponentHarness.start(DiscoveryRelabel.REGISTRATION, source)) {
      assertThat(h.exports(DiscoveryRelabel.Exports.class).output())
          .containsExactly(Map.of(), Map.of());
    }
  }

  @Test
  void anUpdateRelabelsAgain() throws Exception {
    try (var h = ComponentHarness.start(DiscoveryRelabel.REGISTRATION, PODS)) {
      h.update(
          """
          discovery.relabel "pods" {
            targets = [{"__address__" = "a:1"}, {"__address__" = "b:1"}]
            rule {
              source_labels = ["__address__"]
              regex         = "b:.*"
              action        = "drop"
            }
            rule {
              source_labels = ["__address__"]
              target_label  = "shard"
              modulus       = 1000
              action        = "hashmod"
            }
          }
          """);
      assertThat(h.exports(DiscoveryRelabel.Exports.class).output())
          .singleElement()
          .satisfies(t -> assertThat(t).containsOnlyKeys("__address__", "shard"));
    }
  }

  @Test
  void decodingRejectsInvalidRulesWithAlloysMessages() {
    assertThat(
            errors(
                """
                discovery.relabel "x" {
                  targets = []
                  rule {
                    action = "explode"
                  }
                }
                """))
        .containsExactly("unrecognized action type \"explode\"");
    assertThat(
            errors(
                """
                discovery.relabel "x" {
                  targets = []
                  rule {}
                }
                """))
        .containsExactly("relabel configuration for replace action requires 'target_label' value");
    assertThat(errors("discovery.relabel \"x\" {}"))
        .containsExactly("missing required attribute \"targets\"");
  }

  private static List<String> errors(String source) {
    return ComponentHarness.decode(DiscoveryRelabel.REGISTRATION, source)
        .diagnostics()
        .asList()
        .stream()
        .map(Diagnostic::message)
        .toList();
  }

  @Test
  void publishesEachTargetToLiveDebuggingWhenWatched() {
    List<String> published = new ArrayList<>();
    LiveDebugging watched =
        new LiveDebugging() {
          @Override
          public boolean active(String componentId) {
            return componentId.equals("discovery.relabel.live");
          }

          @Override
          public void publish(String componentId, Supplier<String> message) {
            published.add(message.get());
          }
        };
    var arguments =
        new DiscoveryRelabel.Arguments(
            List.of(Map.of("a", "1", "b", "x"), Map.of("a", "2")),
            List.of(
                new Rule(List.of("a"), ";", "2", 0, "", "$1", "drop"),
                new Rule(List.of("b"), ";", "(.*)", 0, "c", "$1", "uppercase")));
    new DiscoveryRelabel(new FakeOptions(watched), arguments);
    assertThat(published)
        .containsExactly("{a=\"1\", b=\"x\"} => {a=\"1\", b=\"x\", c=\"X\"}", "{a=\"2\"} => {}");
  }

  /** Just enough Options to build the component outside the harness, with live debugging on. */
  private record FakeOptions(LiveDebugging liveDebugging) implements Options {
    @Override
    public String id() {
      return "discovery.relabel.live";
    }

    @Override
    public Logger logger() {
      return LoggerFactory.getLogger(DiscoveryRelabel.class);
    }

    @Override
    public Path dataPath() {
      return Path.of("unused");
    }

    @Override
    public PrometheusRegistry registry() {
      return new PrometheusRegistry();
    }

    @Override
    public void onStateChange(Record exports) {}

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public Services services() {
      return new Services() {
        @Override
        public String memoryAddress() {
          return "";
        }

        @Override
        public String listenAddress() {
          return "";
        }

        @Override
        public LiveDebugging liveDebugging() {
          return liveDebugging;
        }

        @Override
        public void writeSelfMetrics(Writer out) {}
      };
    }
  }
}
