package dev.jalloy.runtime;

import dev.jalloy.component.Component;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.syntax.decode.Attr;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small components that exist only to exercise the controller: they record what the controller did
 * to them (build order, updates, instances) so tests can assert on it.
 */
final class TestComponents {
  /** Ids in the order their components were built. */
  final List<String> built = new CopyOnWriteArrayList<>();

  /** Live instances by id, to check that a reload kept the very same object. */
  final Map<String, Object> instances = new ConcurrentHashMap<>();

  /** Settable components by id: the test changes their exports while they run. */
  final Map<String, Settable> settables = new ConcurrentHashMap<>();

  record ValueArgs(@Attr(value = "value", optional = true) long value) {}

  record ValueExports(@Attr("value") long value) {}

  record InputArgs(@Attr("input") long input) {}

  record OutputExports(@Attr("output") long output) {}

  record NoArgs() {}

  record TextArgs(@Attr("text") String text) {}

  /** Accepts a string; nothing else. */
  static final class Echo implements Component<TextArgs> {
    @Override
    public void run(RunContext context) throws InterruptedException {
      context.awaitCancellation();
    }

    @Override
    public void update(TextArgs args) {}
  }

  /** Exports its argument. */
  final class Constant implements Component<ValueArgs> {
    private final Options options;

    Constant(Options options, ValueArgs args) {
      this.options = options;
      options.onStateChange(new ValueExports(args.value()));
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
      context.awaitCancellation();
    }

    @Override
    public void update(ValueArgs args) {
      options.onStateChange(new ValueExports(args.value()));
    }
  }

  /** Exports its input unchanged; counts its updates (state a reload must keep). */
  final class Passthrough implements Component<InputArgs> {
    private final Options options;
    final AtomicInteger updates = new AtomicInteger();

    Passthrough(Options options, InputArgs args) {
      this.options = options;
      options.onStateChange(new OutputExports(args.input()));
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
      context.awaitCancellation();
    }

    @Override
    public void update(InputArgs args) {
      updates.incrementAndGet();
      options.onStateChange(new OutputExports(args.input()));
    }
  }

  /** Exports a value the test sets from outside while it runs. */
  final class Settable implements Component<ValueArgs> {
    private final Options options;

    Settable(Options options, ValueArgs args) {
      this.options = options;
      set(args.value());
    }

    void set(long value) {
      options.onStateChange(new ValueExports(value));
    }

    @Override
    public void run(RunContext context) throws InterruptedException {
      context.awaitCancellation();
    }

    @Override
    public void update(ValueArgs args) {
      set(args.value());
    }
  }

  /** Its run fails at once. */
  static final class Failing implements Component<NoArgs> {
    @Override
    public void run(RunContext context) {
      throw new IllegalStateException("disk on fire");
    }

    @Override
    public void update(NoArgs args) {}
  }

  ComponentRegistry registry() {
    return ComponentRegistry.of(
        List.of(
            Registration.of(
                "testcomponents.constant",
                Stability.GENERALLY_AVAILABLE,
                ValueArgs.class,
                ValueExports.class,
                (o, a) -> track(o, new Constant(o, a))),
            Registration.of(
                "testcomponents.passthrough",
                Stability.GENERALLY_AVAILABLE,
                InputArgs.class,
                OutputExports.class,
                (o, a) -> track(o, new Passthrough(o, a))),
            Registration.of(
                "testcomponents.settable",
                Stability.GENERALLY_AVAILABLE,
                ValueArgs.class,
                ValueExports.class,
                (o, a) -> {
                  Settable s = new Settable(o, a);
                  settables.put(o.id(), s);
                  return track(o, s);
                }),
            Registration.withoutExports(
                "testcomponents.echo",
                Stability.GENERALLY_AVAILABLE,
                TextArgs.class,
                (o, a) -> track(o, new Echo())),
            Registration.withoutExports(
                "testcomponents.failing",
                Stability.GENERALLY_AVAILABLE,
                NoArgs.class,
                (o, a) -> track(o, new Failing())),
            Registration.withoutExports(
                "testcomponents.unbuildable",
                Stability.GENERALLY_AVAILABLE,
                NoArgs.class,
                (o, a) -> {
                  throw new java.io.IOException("no such device");
                }),
            Registration.withoutExports(
                "testcomponents.experimental",
                Stability.EXPERIMENTAL,
                NoArgs.class,
                (o, a) -> track(o, new Failing()))));
  }

  private <C> C track(Options options, C component) {
    built.add(options.id());
    instances.put(options.id(), component);
    return component;
  }
}
