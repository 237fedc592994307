package dev.jalloy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.component.Component;
import dev.jalloy.component.HttpHandlerProvider;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ComponentHarnessTest {

  /** Publishes {@code greeting} + a counter on every update; serves it over HTTP. */
  // public: the decoder reads defaults through the records' accessors
  public static final class Greeter implements Component<Greeter.Arguments>, HttpHandlerProvider {
    public record Arguments(
        @Attr("greeting") String greeting, @Attr(value = "times", optional = true) int times) {
      public static Arguments defaults() {
        return new Arguments("", 1);
      }
    }

    public record Exports(@Attr("message") String message) {}

    static final Registration<Arguments> REGISTRATION =
        Registration.of(
            "test.greeter", Stability.EXPERIMENTAL, Arguments.class, Exports.class, Greeter::new);

    private final Options options;
    private volatile String message;

    Greeter(Options options, Arguments arguments) {
      this.options = options;
      update(arguments);
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
      options.logger().info("running");
      context.awaitCancellation();
    }

    @Override
    public void update(Arguments arguments) {
      message = arguments.greeting().repeat(arguments.times());
      options.onStateChange(new Exports(message));
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
      return HttpResponse.text(200, request.path() + "?" + request.query() + " " + message);
    }
  }

  @Test
  void buildsFromSourceRunsCapturesExportsAndStops() throws Exception {
    ComponentHarness<Greeter.Arguments> h =
        ComponentHarness.builder(Greeter.REGISTRATION)
            .variable("word", Value.string("hi"))
            .start("test.greeter \"a\" {\n  greeting = word\n  times = 2\n}");
    try (h) {
      assertThat(h.id()).isEqualTo("test.greeter.a");
      assertThat(h.exports(Greeter.Exports.class).message()).isEqualTo("hihi");
      h.update("test.greeter \"a\" { greeting = word + \"!\" }");
      assertThat(h.awaitExports(Greeter.Exports.class, e -> e.message().equals("hi!"), "hi!"))
          .isEqualTo(new Greeter.Exports("hi!"));
      assertThat(h.exportHistory()).hasSize(2);
      assertThat(h.dataPath()).isEqualTo(h.dataPath().getParent().resolve("test.greeter.a"));
      Eventually.await(() -> !h.logs().isEmpty(), "a log line");
      assertThat(h.logs().getFirst())
          .endsWith(" level=info msg=running component_path=/ component_id=test.greeter.a\n");
      assertThat(new String(h.http("GET", "/metrics?x=1").body())).isEqualTo("/metrics?x=1 hi!");
      assertThat(h.running()).isTrue();
    }
    assertThat(h.running()).isFalse();
  }

  @Test
  void decodeErrorsArePrintedWithTheSourceLine() {
    assertThatThrownBy(
            () -> ComponentHarness.start(Greeter.REGISTRATION, "test.greeter \"a\" { times = 1 }"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing required attribute \"greeting\"")
        .hasMessageContaining("test.greeter \"a\" { times = 1 }");
    assertThat(ComponentHarness.decode(Greeter.REGISTRATION, "test.greeter \"x\" {}").ok())
        .isFalse();
  }

  @Test
  void aRunThatIgnoresCancellationFailsTheTest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Registration<Greeter.Arguments> stuck =
        Registration.of(
            "test.stuck",
            Stability.EXPERIMENTAL,
            Greeter.Arguments.class,
            Greeter.Exports.class,
            (options, args) ->
                new Component<>() {
                  @Override
                  public void run(RunContext context) {
                    while (true) {
                      try {
                        release.await();
                        return;
                      } catch (InterruptedException e) {
                        // swallowed on purpose: this component does not stop when asked
                      }
                    }
                  }

                  @Override
                  public void update(Greeter.Arguments arguments) {}
                });
    ComponentHarness<Greeter.Arguments> h =
        ComponentHarness.builder(stuck)
            .stopTimeout(Duration.ofMillis(50))
            .start(new Greeter.Arguments("x", 1));
    try {
      assertThatThrownBy(h::close)
          .isInstanceOf(AssertionError.class)
          .hasMessage("test.stuck.test: run did not return within 50 ms of being cancelled");
    } finally {
      release.countDown();
    }
  }

  @Test
  void exportsOfTheWrongTypeBreakTheContract() throws Exception {
    record Other(@Attr("x") String x) {}
    Registration<Greeter.Arguments> wrong =
        Registration.of(
            "test.wrong",
            Stability.EXPERIMENTAL,
            Greeter.Arguments.class,
            Greeter.Exports.class,
            (options, args) -> {
              options.onStateChange(new Other("x"));
              return new Greeter(options, args);
            });
    ComponentHarness<Greeter.Arguments> h =
        ComponentHarness.start(wrong, new Greeter.Arguments("a", 1));
    assertThatThrownBy(h::close)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("broke the component contract")
        .hasMessageContaining("registration declares " + Greeter.Exports.class.getName());
  }

  @Test
  void theDataDirectoryIsRemovedAfterwards() throws Exception {
    Path dir;
    try (var h = ComponentHarness.start(Greeter.REGISTRATION, new Greeter.Arguments("a", 1))) {
      dir = h.dataPath();
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("state"), "x");
    }
    assertThat(dir).doesNotExist();
  }
}
