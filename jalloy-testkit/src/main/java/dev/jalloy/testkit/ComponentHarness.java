package dev.jalloy.testkit;

import dev.jalloy.component.Cancellation;
import dev.jalloy.component.Component;
import dev.jalloy.component.Health;
import dev.jalloy.component.HealthReporter;
import dev.jalloy.component.HttpHandlerProvider;
import dev.jalloy.component.LiveDebugging;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.Services;
import dev.jalloy.service.logging.LoggingArguments;
import dev.jalloy.service.logging.LoggingService;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.ast.Stmt;
import dev.jalloy.syntax.decode.BodyDecoder;
import dev.jalloy.syntax.decode.Decoded;
import dev.jalloy.syntax.decode.ValueEncoder;
import dev.jalloy.syntax.diag.DiagnosticPrinter;
import dev.jalloy.syntax.parser.ParseResult;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.syntax.vm.Evaluator;
import dev.jalloy.syntax.vm.Scope;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;

/**
 * Runs one component as the controller would, without a controller: builds it from its {@link
 * Registration} with arguments given as a record or as Alloy source, runs it on a virtual thread,
 * records every export it publishes, and stops it on {@link #close()} — failing the test when
 * {@code run} does not return within {@link #STOP_TIMEOUT} of being cancelled.
 *
 * <pre>{@code
 * try (var h = ComponentHarness.start(LocalFile.REGISTRATION, """
 *     local.file "token" { filename = "/etc/token" }
 *     """)) {
 *   h.awaitExports(LocalFile.Exports.class, e -> e.content().value().equals("x"), "content x");
 * }
 * }</pre>
 *
 * <p>What the component gets: a temporary data directory (deleted afterwards), a fresh {@link
 * PrometheusRegistry}, a logger whose lines are kept in {@link #logs()} (level debug, logfmt) and
 * {@link Services} with {@link LiveDebugging#DISABLED} and the memory address {@value
 * #MEMORY_ADDRESS}. Contract breaches — exports of the wrong type, exports that do not encode as
 * Alloy values, {@code run} throwing — fail the test at {@link #close()} at the latest.
 *
 * @param <A> the component's arguments record
 */
public final class ComponentHarness<A extends Record> implements AutoCloseable {
  /** Alloy's default {@code --server.http.memory-addr}. */
  public static final String MEMORY_ADDRESS = "alloy.internal:12345";

  /** What {@link Services#listenAddress()} says. Nothing listens there. */
  public static final String LISTEN_ADDRESS = "127.0.0.1:12345";

  /** How long {@code run} may take to return once cancelled, unless the builder says otherwise. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Registration<A> registration;
  private final Builder<A> origin; // decodes later updates in the same scope
  private final String id;
  private final Clock clock;
  private final Duration stopTimeout;
  private final Path tempRoot;
  private final Path dataPath;
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final Logger logger;
  private final List<Record> exports = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Cancellation cancelled = new Cancellation();
  private final CountDownLatch returned = new CountDownLatch(1);
  private volatile Throwable runFailure;
  private Component<A> component;
  private Thread runThread;
  private boolean closed;

  private ComponentHarness(Builder<A> b) {
    this.registration = b.registration;
    this.origin = b;
    this.id = b.id();
    this.clock = b.clock;
    this.stopTimeout = b.stopTimeout;
    try {
      this.tempRoot = Files.createTempDirectory("jalloy-harness-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.dataPath = tempRoot.resolve(id);
    LoggingService logs = LoggingService.create(clock, logLines::add);
    logs.apply(new LoggingArguments("debug", "logfmt", "stderr", List.of()));
    this.logger = logs.forComponent("/", id);
  }

  /** A builder for a harness around {@code registration}, with label {@code test}. */
  public static <A extends Record> Builder<A> builder(Registration<A> registration) {
    return new Builder<>(registration);
  }

  /** Builds the component with {@code arguments} and runs it, labelled {@code test}. */
  public static <A extends Record> ComponentHarness<A> start(
      Registration<A> registration, A arguments) throws Exception {
    return builder(registration).start(arguments);
  }

  /**
   * Builds the component from one block of Alloy source ({@code local.file "token" { ... }}), whose
   * label names it, and runs it.
   *
   * @throws IllegalArgumentException with the printed diagnostics when the block does not decode
   */
  public static <A extends Record> ComponentHarness<A> start(
      Registration<A> registration, String alloySource) throws Exception {
    return builder(registration).start(alloySource);
  }

  /**
   * Decodes one block of Alloy source into the registration's arguments, in a scope holding the
   * standard library only; for tests of decoding, defaults and validation messages.
   */
  public static <A extends Record> Decoded<A> decode(
      Registration<A> registration, String alloySource) {
    return builder(registration).decode(alloySource);
  }

  private void build(A arguments) throws Exception {
    component = registration.factory().build(new HarnessOptions(), arguments);
    if (component == null) {
      throw new AssertionError(registration.name() + " factory returned null");
    }
    runThread = Thread.ofVirtual().name("run " + id).unstarted(this::runComponent);
    runThread.start();
  }

  private void runComponent() {
    try {
      component.run(cancelled);
    } catch (InterruptedException e) {
      if (!cancelled.isCancelled()) {
        runFailure = e; // interrupted by someone other than close()
      }
    } catch (Throwable t) {
      runFailure = t;
    } finally {
      returned.countDown();
    }
  }

  /** The component id, {@code <name>.<label>}. */
  public String id() {
    return id;
  }

  /** The component instance, for capability checks and direct calls. */
  public Component<A> component() {
    return component;
  }

  /** The component's data directory ({@link Options#dataPath()}); not created by the harness. */
  public Path dataPath() {
    return dataPath;
  }

  /** The component's own metrics registry. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** The component's log lines so far, formatted as logfmt, newline included. */
  public List<String> logs() {
    return List.copyOf(logLines);
  }

  /** Every export the component published, in order, equal ones included. */
  public List<Record> exportHistory() {
    return List.copyOf(exports);
  }

  /** The latest exports, if any were published. */
  public Optional<Record> latestExports() {
    return exports.isEmpty() ? Optional.empty() : Optional.of(exports.getLast());
  }

  /**
   * The latest exports as {@code type}.
   *
   * @throws AssertionError when nothing was published yet
   */
  public <E extends Record> E exports(Class<E> type) {
    return type.cast(latestExports().orElseThrow(() -> new AssertionError(id + " has no exports")));
  }

  /**
   * Waits until the latest exports satisfy {@code accept} and returns them.
   *
   * @param what the awaited state, for the failure message
   * @throws AssertionError after {@link Eventually#DEFAULT_TIMEOUT}, with the last exports and logs
   */
  public <E extends Record> E awaitExports(
      Class<E> type, Predicate<? super E> accept, String what) {
    checkViolations();
    Optional<Record> last =
        awaitOrExplain(
            this::latestExports,
            e -> e.isPresent() && type.isInstance(e.get()) && accept.test(type.cast(e.get())),
            what);
    return type.cast(last.orElseThrow());
  }

  /**
   * The component's own health report.
   *
   * @throws AssertionError when the component does not implement {@link HealthReporter}
   */
  public Health health() {
    if (!(component instanceof HealthReporter reporter)) {
      throw new AssertionError(registration.name() + " does not report health");
    }
    return reporter.currentHealth();
  }

  /** Waits until the component reports {@code state} and returns that health. */
  public Health awaitHealth(Health.State state) {
    return awaitOrExplain(this::health, h -> h.state() == state, id + " to be " + state.text());
  }

  /** Applies new arguments, as the controller does after a re-evaluation. */
  public void update(A arguments) throws Exception {
    component.update(arguments);
  }

  /**
   * Applies new arguments given as a block of Alloy source.
   *
   * @throws IllegalArgumentException with the printed diagnostics when the block does not decode
   */
  public void update(String alloySource) throws Exception {
    component.update(origin.decodeOrThrow(alloySource));
  }

  /**
   * Sends a request to the component's HTTP handler, as the server does for {@code
   * /api/v0/component/<id><path>}.
   */
  public HttpHandlerProvider.HttpResponse http(String method, String path) throws Exception {
    if (!(component instanceof HttpHandlerProvider provider)) {
      throw new AssertionError(registration.name() + " serves no HTTP");
    }
    int q = path.indexOf('?');
    String query = q < 0 ? "" : path.substring(q + 1);
    String p = q < 0 ? path : path.substring(0, q);
    HttpHandlerProvider.HttpResponse response =
        provider.handle(new HttpHandlerProvider.HttpRequest(method, p, query, "", "", new byte[0]));
    if (response == null) {
      throw new AssertionError(registration.name() + " returned a null HTTP response");
    }
    return response;
  }

  /** Whether {@code run} is still running. */
  public boolean running() {
    return returned.getCount() > 0;
  }

  /** What {@code run} threw, if it returned with an exception. */
  public Optional<Throwable> runFailure() {
    return Optional.ofNullable(runFailure);
  }

  /**
   * Cancels the component, interrupts its run thread and waits for {@code run} to return; then
   * deletes the data directory.
   *
   * @throws AssertionError when {@code run} does not return in time (see {@link #STOP_TIMEOUT}),
   *     threw, or the component broke the contract while running
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (runThread != null) {
        cancelled.cancel();
        runThread.interrupt();
        boolean done;
        try {
          done = returned.await(stopTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while stopping " + id, e);
        }
        if (!done) {
          throw new AssertionError(
              id
                  + ": run did not return within "
                  + stopTimeout.toMillis()
                  + " ms of being cancelled"
                  + logText());
        }
        if (runFailure != null) {
          throw new AssertionError(id + ": run failed" + logText(), runFailure);
        }
      }
      checkViolations();
    } finally {
      deleteRecursively(tempRoot);
    }
  }

  private <T> T awaitOrExplain(
      java.util.function.Supplier<T> value, Predicate<? super T> accept, String what) {
    try {
      return Eventually.await(Eventually.DEFAULT_TIMEOUT, value, accept, what);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + logText(), runFailure);
    }
  }

  private void checkViolations() {
    if (!violations.isEmpty()) {
      throw new AssertionError(id + " broke the component contract: " + violations);
    }
  }

  private String logText() {
    List<String> lines = logs();
    return lines.isEmpty() ? "" : "\ncomponent log:\n" + String.join("", lines);
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cleaning up " + root, e);
    }
  }

  private final class HarnessOptions implements Options {
    private final Services services = new HarnessServices(Map.copyOf(origin.componentHandlers));

    @Override
    public String id() {
      return id;
    }

    @Override
    public Logger logger() {
      return logger;
    }

    @Override
    public Path dataPath() {
      return dataPath;
    }

    @Override
    public PrometheusRegistry registry() {
      return registry;
    }

    @Override
    public void onStateChange(Record published) {
      if (published == null) {
        violations.add("published null exports");
        return;
      }
      Optional<Class<? extends Record>> declared = registration.exports();
      if (declared.isEmpty() || !declared.get().isInstance(published)) {
        violations.add(
            "published "
                + published.getClass().getName()
                + ", registration declares "
                + declared.map(Class::getName).orElse("no exports"));
      }
      try {
        // what the controller does with every export: make Alloy values of it
        ValueEncoder.encode(published);
      } catch (RuntimeException e) {
        violations.add("exports do not encode as Alloy values: " + e);
      }
      exports.add(published);
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public Services services() {
      return services;
    }
  }

  private static final class HarnessServices implements Services {
    private final Map<String, HttpHandlerProvider> componentHandlers;

    HarnessServices(Map<String, HttpHandlerProvider> componentHandlers) {
      this.componentHandlers = componentHandlers;
    }

    @Override
    public Optional<HttpHandlerProvider> componentHandler(String componentId) {
      return Optional.ofNullable(componentHandlers.get(componentId));
    }

    @Override
    public String memoryAddress() {
      return MEMORY_ADDRESS;
    }

    @Override
    public String listenAddress() {
      return LISTEN_ADDRESS;
    }

    @Override
    public LiveDebugging liveDebugging() {
      return LiveDebugging.DISABLED;
    }

    /** The JVM's default registry stands in for the process's /metrics. */
    @Override
    public void writeSelfMetrics(java.io.Writer out) throws java.io.IOException {
      var bytes = new java.io.ByteArrayOutputStream();
      io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter.create()
          .write(
              bytes,
              io.prometheus.metrics.model.registry.PrometheusRegistry.defaultRegistry.scrape());
      out.write(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /**
   * Options for a harness: the label, the clock, extra identifiers in the evaluation scope.
   *
   * @param <A> the component's arguments record
   */
  public static final class Builder<A extends Record> {
    private final Registration<A> registration;
    private String label = "test";
    private Clock clock = Clock.systemUTC();
    private Duration stopTimeout = STOP_TIMEOUT;
    private final Map<String, Value> variables = new HashMap<>();
    private final Map<String, HttpHandlerProvider> componentHandlers = new HashMap<>();

    private Builder(Registration<A> registration) {
      this.registration = registration;
    }

    /** The block label; the id is {@code <name>.<label>}. Ignored for source with a label. */
    public Builder<A> label(String label) {
      this.label = label;
      return this;
    }

    /** The component's clock; the system UTC clock by default. */
    public Builder<A> clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How long {@code run} may take to return once cancelled before the test fails. */
    public Builder<A> stopTimeout(Duration stopTimeout) {
      this.stopTimeout = stopTimeout;
      return this;
    }

    /**
     * An identifier the block's expressions may reference, such as another component's exports:
     * {@code variable("local", Value.object(Map.of("file", ...)))}.
     */
    public Builder<A> variable(String name, Value value) {
      variables.put(name, value);
      return this;
    }

    /**
     * Another component's HTTP handler, served to this one through {@link
     * Services#componentHandler} as the runtime serves it: a scraper given a target on {@link
     * #MEMORY_ADDRESS} calls it in process. Typically another harness's component.
     */
    public Builder<A> componentHandler(String componentId, HttpHandlerProvider handler) {
      componentHandlers.put(componentId, handler);
      return this;
    }

    /** Builds the component with {@code arguments} and starts {@code run}. */
    public ComponentHarness<A> start(A arguments) throws Exception {
      return startWith(this, arguments);
    }

    /**
     * Decodes one block of Alloy source, builds the component with it and starts {@code run}. The
     * block's label, when it has one, names the component.
     *
     * @throws IllegalArgumentException with the printed diagnostics when the block does not decode
     */
    public ComponentHarness<A> start(String alloySource) throws Exception {
      BlockStmt block = parseBlock(alloySource).block();
      if (!block.label().isEmpty()) {
        label = block.label();
      }
      return startWith(this, decodeOrThrow(alloySource));
    }

    /** Decodes one block of Alloy source into the arguments record. */
    public Decoded<A> decode(String alloySource) {
      Parsed parsed = parseBlock(alloySource);
      return new BodyDecoder(new Evaluator(parsed.file()))
          .decodeArguments(parsed.block(), registration.arguments(), scope());
    }

    A decodeOrThrow(String alloySource) {
      Decoded<A> decoded = decode(alloySource);
      if (decoded.diagnostics().hasErrors() || decoded.value().isEmpty()) {
        SourceFile file = SourceFile.of(FILE_NAME, alloySource);
        throw new IllegalArgumentException(
            DiagnosticPrinter.forFile(file).print(decoded.diagnostics()));
      }
      return decoded.value().orElseThrow();
    }

    private static final String FILE_NAME = "test.alloy";

    private record Parsed(SourceFile file, BlockStmt block) {}

    private Parsed parseBlock(String alloySource) {
      SourceFile file = SourceFile.of(FILE_NAME, alloySource);
      ParseResult parsed = Parser.parse(file);
      if (parsed.hasErrors()) {
        throw new IllegalArgumentException(
            DiagnosticPrinter.forFile(file).print(parsed.diagnostics()));
      }
      List<Stmt> body = parsed.file().body();
      if (body.size() != 1 || !(body.getFirst() instanceof BlockStmt block)) {
        throw new IllegalArgumentException("expected exactly one block, got: " + alloySource);
      }
      if (!block.fullName().equals(registration.name())) {
        throw new IllegalArgumentException(
            "expected a " + registration.name() + " block, got " + block.fullName());
      }
      return new Parsed(file, block);
    }

    private String id() {
      return label.isEmpty() ? registration.name() : registration.name() + "." + label;
    }

    private Scope scope() {
      Scope root =
          Scope.root(
              new Stdlib(n -> Optional.ofNullable(System.getenv(n)), "harness", "v0.0.0")
                  .identifiers());
      return variables.isEmpty() ? root : root.child(variables);
    }
  }

  private static <A extends Record> ComponentHarness<A> startWith(Builder<A> b, A arguments)
      throws Exception {
    ComponentHarness<A> h = new ComponentHarness<>(b);
    try {
      h.build(arguments);
    } catch (Exception | Error e) {
      deleteRecursively(h.tempRoot);
      throw e;
    }
    return h;
  }
}
