package dev.jalloy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.Health;
import dev.jalloy.component.Stability;
import dev.jalloy.syntax.decode.BodyEntry;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.value.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerTest {
  @TempDir Path storage;

  private final TestComponents test = new TestComponents();
  private final AtomicReference<String> config = new AtomicReference<>("");
  private Controller controller;

  private Controller controller(Stability stability) {
    controller =
        Controller.builder()
            .registry(test.registry())
            .storagePath(storage)
            .minimumStability(stability)
            .stdlib(new Stdlib(n -> Optional.empty(), "host", "1.0.0"))
            .sources(() -> List.of(SourceFile.of("main.alloy", config.get())))
            .shutdownDeadline(Duration.ofSeconds(5))
            .build();
    return controller;
  }

  private LoadResult load(String source) {
    config.set(source);
    if (controller == null) {
      controller(Stability.GENERALLY_AVAILABLE);
    }
    return controller.load();
  }

  @AfterEach
  void close() {
    if (controller != null) {
      controller.close();
    }
  }

  private static List<String> messages(LoadResult r) {
    return r.diagnostics().asList().stream().map(Diagnostic::toString).toList();
  }

  private long exported(String id, String field) {
    ComponentInfo info = controller.component(id).orElseThrow();
    for (BodyEntry e : info.exports().orElseThrow()) {
      if (e instanceof BodyEntry.Attribute a && a.name().equals(field)) {
        return ((Value.Number) a.value()).int64();
      }
    }
    throw new AssertionError(id + " exports no " + field);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5); // polling interval, not a wait for a guessed duration
    }
  }

  @Test
  void evaluatesDependenciesBeforeDependantsWhateverTheFileOrder() {
    LoadResult r =
        load(
            """
            testcomponents.passthrough "c" { input = testcomponents.passthrough.b.output }
            testcomponents.passthrough "b" { input = testcomponents.constant.a.value }
            testcomponents.constant "a" { value = 1 }
            """);
    assertThat(messages(r)).isEmpty();
    assertThat(test.built)
        .containsExactly(
            "testcomponents.constant.a",
            "testcomponents.passthrough.b",
            "testcomponents.passthrough.c");
    assertThat(controller.ready()).isTrue();
  }

  @Test
  void exportsPropagateThroughAChainOfThree() throws InterruptedException {
    LoadResult r =
        load(
            """
            testcomponents.settable "a" { value = 1 }
            testcomponents.passthrough "b" { input = testcomponents.settable.a.value }
            testcomponents.passthrough "c" { input = testcomponents.passthrough.b.output * 10 }
            """);
    assertThat(messages(r)).isEmpty();
    assertThat(exported("testcomponents.passthrough.c", "output")).isEqualTo(10);

    test.settables.get("testcomponents.settable.a").set(7);

    await(() -> exported("testcomponents.passthrough.c", "output") == 70, "c to see 70");
    assertThat(exported("testcomponents.passthrough.b", "output")).isEqualTo(7);
  }

  @Test
  void equalExportsAreIgnored() throws InterruptedException {
    load(
        """
        testcomponents.settable "a" { value = 1 }
        testcomponents.passthrough "b" { input = testcomponents.settable.a.value }
        """);
    var b = (TestComponents.Passthrough) test.instances.get("testcomponents.passthrough.b");
    test.settables.get("testcomponents.settable.a").set(1);
    test.settables.get("testcomponents.settable.a").set(2);
    await(() -> exported("testcomponents.passthrough.b", "output") == 2, "b to see 2");
    assertThat(b.updates.get()).isEqualTo(1);
  }

  @Test
  void cycleIsAnErrorNamingEveryComponentInIt() {
    LoadResult r =
        load(
            """
            testcomponents.passthrough "a" { input = testcomponents.passthrough.b.output }
            testcomponents.passthrough "b" { input = testcomponents.passthrough.a.output }
            testcomponents.constant "ok" { }
            """);
    assertThat(r.applied()).isFalse();
    assertThat(messages(r))
        .containsExactly(
            "main.alloy:1:1: cycle detected: testcomponents.passthrough.a,"
                + " testcomponents.passthrough.b",
            "main.alloy:2:1: cycle detected: testcomponents.passthrough.a,"
                + " testcomponents.passthrough.b");
    assertThat(test.built).isEmpty();
  }

  @Test
  void graphErrorsArePositioned() {
    LoadResult r =
        load(
            """
            testcomponents.passthrough "a" { input = nothing.here.value }
            testcomponents.nope "x" { }
            testcomponents.constant { }
            testcomponents.passthrough "s" { input = testcomponents.passthrough.s.output }
            testcomponents.constant "d" { }
            testcomponents.constant "d" { }
            """);
    assertThat(messages(r))
        .containsExactly(
            "main.alloy:2:1: cannot find the definition of component name \"testcomponents.nope\"",
            "main.alloy:3:1: component \"testcomponents.constant\" must have a label",
            "main.alloy:6:1: block testcomponents.constant.d already declared at main.alloy:5:1",
            "main.alloy:1:42: component \"nothing.here.value\" does not exist or is out of scope",
            "main.alloy:4:1: cannot reference self");
  }

  @Test
  void reloadKeepsUnchangedComponentsAndTheirState() {
    load(
        """
        testcomponents.constant "a" { value = 1 }
        testcomponents.passthrough "b" { input = testcomponents.constant.a.value }
        testcomponents.constant "gone" { }
        """);
    Object a = test.instances.get("testcomponents.constant.a");
    var b = (TestComponents.Passthrough) test.instances.get("testcomponents.passthrough.b");

    LoadResult r =
        load(
            """
            testcomponents.constant "a" { value = 2 }
            testcomponents.passthrough "b" { input = testcomponents.constant.a.value }
            testcomponents.constant "new" { }
            """);

    assertThat(messages(r)).isEmpty();
    assertThat(test.instances.get("testcomponents.constant.a")).isSameAs(a);
    assertThat(test.instances.get("testcomponents.passthrough.b")).isSameAs(b);
    assertThat(b.updates.get()).isEqualTo(1); // updated once for the new value, not rebuilt
    assertThat(exported("testcomponents.passthrough.b", "output")).isEqualTo(2);
    assertThat(controller.component("testcomponents.constant.gone")).isEmpty();
    assertThat(controller.component("testcomponents.constant.new")).isPresent();
  }

  @Test
  void reloadWithASyntaxErrorLeavesEverythingRunning() {
    load("testcomponents.constant \"a\" { value = 1 }\n");
    Object a = test.instances.get("testcomponents.constant.a");

    LoadResult r = load("testcomponents.constant \"a\" { value = \n");
    RuntimeView.ReloadResult reload = controller.reload();

    assertThat(r.applied()).isFalse();
    assertThat(reload.ok()).isFalse();
    assertThat(reload.message()).contains("main.alloy:2:1: expected expression, got EOF");
    assertThat(test.instances.get("testcomponents.constant.a")).isSameAs(a);
    assertThat(exported("testcomponents.constant.a", "value")).isEqualTo(1);
    assertThat(controller.component("testcomponents.constant.a").orElseThrow().health().state())
        .isEqualTo(Health.State.HEALTHY);
  }

  @Test
  void evaluationErrorOnReloadKeepsLastGoodArgumentsAndMarksUnhealthy() {
    load(
        """
        testcomponents.constant "a" { value = 1 }
        testcomponents.constant "b" { value = 5 }
        """);
    LoadResult r =
        load(
            """
            testcomponents.constant "a" { value = "x" }
            testcomponents.constant "b" { value = 6 }
            """);
    assertThat(r.applied()).isTrue();
    assertThat(r.ok()).isFalse();
    assertThat(messages(r)).containsExactly("main.alloy:1:39: \"x\" should be number, got string");
    ComponentInfo a = controller.component("testcomponents.constant.a").orElseThrow();
    assertThat(a.health().state()).isEqualTo(Health.State.UNHEALTHY);
    assertThat(a.health().message())
        .isEqualTo("component evaluation failed: \"x\" should be number, got string");
    assertThat(exported("testcomponents.constant.a", "value")).isEqualTo(1);
    assertThat(exported("testcomponents.constant.b", "value")).isEqualTo(6); // the rest applied
  }

  @Test
  void healthStates() throws InterruptedException {
    load(
        """
        testcomponents.constant "fine" { }
        testcomponents.failing "boom" { }
        """);
    assertThat(controller.component("testcomponents.constant.fine").orElseThrow().health().state())
        .isEqualTo(Health.State.HEALTHY);
    await(
        () ->
            controller.component("testcomponents.failing.boom").orElseThrow().health().state()
                == Health.State.EXITED,
        "the failing component to exit");
    Health boom = controller.component("testcomponents.failing.boom").orElseThrow().health();
    assertThat(boom.message()).isEqualTo("component shut down with error: disk on fire");
    // the rest keeps running
    assertThat(controller.component("testcomponents.constant.fine").orElseThrow().health().state())
        .isEqualTo(Health.State.HEALTHY);
  }

  @Test
  void aComponentThatCannotBeBuiltFailsTheLoadWithADiagnostic() {
    LoadResult r =
        load(
            """
            testcomponents.constant "fine" { }
            testcomponents.unbuildable "x" { }
            """);
    assertThat(r.ok()).isFalse();
    assertThat(messages(r)).containsExactly("main.alloy:2:1: building component: no such device");
    ComponentInfo x = controller.component("testcomponents.unbuildable.x").orElseThrow();
    assertThat(x.health().state()).isEqualTo(Health.State.UNHEALTHY);
    assertThat(x.health().message())
        .isEqualTo("component evaluation failed: building component: no such device");
    assertThat(controller.component("testcomponents.constant.fine").orElseThrow().health().state())
        .isEqualTo(Health.State.HEALTHY);
  }

  @Test
  void stabilityLevelGatesComponents() {
    LoadResult r = load("testcomponents.experimental \"x\" { }\n");
    assertThat(messages(r))
        .containsExactly(
            "main.alloy:1:1: testcomponents.experimental is at stability level \"experimental\","
                + " which is below the minimum allowed stability level \"generally-available\"."
                + " Use --stability.level command-line flag to enable \"experimental\" features");
    controller.close();
    controller = controller(Stability.EXPERIMENTAL);
    assertThat(messages(controller.load())).isEmpty();
  }

  @Test
  void constantsBlockOverridesTheHostname() {
    LoadResult r =
        load(
            """
            constants { hostname = "edge-" + "1" }
            testcomponents.echo "e" { text = constants.hostname + "/" + constants.os }
            """);
    assertThat(r.ok()).isTrue();
    assertThat(r.diagnostics().asList())
        .extracting(Diagnostic::message)
        .containsExactly(
            "the constants block is a jalloy extension that sets constants.hostname for this"
                + " configuration; Alloy rejects it");
    assertThat(controller.component("testcomponents.echo.e").orElseThrow().arguments())
        .containsExactly(new BodyEntry.Attribute("text", Value.string("edge-1/linux")));
  }

  @Test
  void argumentsAndReferencesAreShown() {
    load(
        """
        testcomponents.constant "a" { value = 3 }
        testcomponents.passthrough "b" { input = testcomponents.constant.a.value }
        """);
    ComponentInfo b = controller.component("testcomponents.passthrough.b").orElseThrow();
    assertThat(b.referencesTo()).containsExactly("testcomponents.constant.a");
    assertThat(controller.component("testcomponents.constant.a").orElseThrow().referencedBy())
        .containsExactly("testcomponents.passthrough.b");
    assertThat(b.arguments()).containsExactly(new BodyEntry.Attribute("input", Value.number(3L)));
    // b reads a's exports: data flows from a to b.
    assertThat(controller.component("testcomponents.constant.a").orElseThrow().dataFlowEdgesTo())
        .containsExactly("testcomponents.passthrough.b");
    assertThat(b.dataFlowEdgesTo()).isEmpty();
    assertThat(b.name()).isEqualTo("testcomponents.passthrough");
    assertThat(b.label()).isEqualTo("b");
  }
}
