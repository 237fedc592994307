package dev.jalloy.runtime;

import dev.jalloy.component.Component;
import dev.jalloy.component.DebugInfoProvider;
import dev.jalloy.component.Health;
import dev.jalloy.component.HttpHandlerProvider;
import dev.jalloy.component.LiveDebugging;
import dev.jalloy.component.LiveDebuggingSupport;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.Services;
import dev.jalloy.component.Stability;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.decode.BodyDecoder;
import dev.jalloy.syntax.decode.BodyEntry;
import dev.jalloy.syntax.decode.Decoded;
import dev.jalloy.syntax.decode.ValueEncoder;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.vm.Evaluator;
import dev.jalloy.syntax.vm.Scope;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a configuration: builds the component graph from the files, evaluates it in dependency
 * order, builds and updates components, starts their {@code run}, re-evaluates the direct
 * dependants of a component whose exports change, and applies reloads by keeping unchanged
 * components running, updating changed ones and stopping removed ones.
 *
 * <p>All evaluation happens on one controller thread, in order, so the scope a component is
 * evaluated in never changes under it and reloads never interleave with re-evaluations. That makes
 * {@link Component#update} a call that must return quickly; components do their slow work on their
 * run thread. (Alloy evaluates on a worker pool; a single thread keeps the semantics simple and has
 * been fast enough: see the 1,000-component figure in docs/PERFORMANCE.md.)
 */
public final class Controller implements RuntimeView, AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(Controller.class);

  private final ComponentRegistry registry;
  private final Path storagePath;
  private final Stability minimumStability;
  private final Stdlib stdlib;
  private final Services services;
  private final Map<String, ServiceBlock<?>> serviceBlocks;
  private final Supplier<List<SourceFile>> sources;
  private final Clock clock;
  private final Duration shutdownDeadline;
  private final Function<String, Logger> componentLoggers;
  private final Observer observer;
  private final String modulePath;

  private final ExecutorService loop =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().name("jalloy-controller").daemon().unstarted(r));
  private final ExportsScope exportsScope = new ExportsScope();

  // Written on the controller thread only; read by request threads.
  private volatile Map<String, ComponentNode> nodes = Map.of();
  private volatile Graph graph = new Graph();
  private volatile boolean ready;
  private volatile Scope baseScope;

  // Re-evaluations owed because exports changed; guarded by itself.
  private final Set<String> pending = new LinkedHashSet<>();
  private boolean drainScheduled;

  private Controller(Builder b) {
    this.registry = Objects.requireNonNull(b.registry, "registry");
    this.storagePath = b.storagePath;
    this.minimumStability = b.minimumStability;
    this.stdlib = b.stdlib;
    this.services = b.services;
    this.serviceBlocks = Map.copyOf(b.serviceBlocks);
    this.sources = Objects.requireNonNull(b.sources, "sources");
    this.clock = b.clock;
    this.shutdownDeadline = b.shutdownDeadline;
    this.componentLoggers = b.componentLoggers;
    this.observer = b.observer;
    this.modulePath = b.modulePath;
    this.baseScope = rootScope();
  }

  /** The standard library plus {@code module_path}, the directory of the configuration. */
  private Scope rootScope() {
    return Scope.root(stdlib.identifiers())
        .child(Map.of("module_path", dev.jalloy.syntax.value.Value.string(modulePath)));
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---- loading ---------------------------------------------------------------------------

  /** Reads the configuration and loads it: the initial load and every reload. */
  public LoadResult load() {
    return onLoop(
        () -> {
          List<SourceFile> files = sources.get();
          observer.evaluating(true);
          try {
            LoadResult result = loadNow(files);
            observer.loaded(result.ok(), sha256(files));
            return result;
          } finally {
            observer.evaluating(false);
          }
        });
  }

  private static String sha256(List<SourceFile> files) {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      files.stream()
          .sorted(Comparator.comparing(SourceFile::name))
          .forEach(f -> digest.update(f.bytes()));
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public ReloadResult reload() {
    LoadResult result;
    try {
      result = load();
    } catch (RuntimeException e) {
      return new ReloadResult(false, "error during the most recent reload: " + e.getMessage());
    }
    // Callers (the /-/reload endpoint, the SIGHUP handler) log the outcome in their own words.
    return result.ok()
        ? new ReloadResult(true, "")
        : new ReloadResult(false, result.printedDiagnostics());
  }

  private LoadResult loadNow(List<SourceFile> files) {
    Map<String, SourceFile> byName = new LinkedHashMap<>();
    for (SourceFile f : files) {
      byName.put(f.name(), f);
    }
    GraphBuilder.Built built =
        new GraphBuilder(registry, serviceBlocks.keySet(), stdlib, minimumStability).build(files);
    Diagnostics diags = built.diagnostics();
    if (diags.hasErrors()) {
      return new LoadResult(false, diags, byName); // the running graph stays as it is
    }
    apply(built, diags);
    if (!diags.hasErrors()) {
      ready = true;
    }
    return new LoadResult(true, diags, byName);
  }

  /** Replaces the running graph with {@code built}, evaluating everything in order. */
  private void apply(GraphBuilder.Built built, Diagnostics diags) {
    Map<String, ComponentNode> previous = nodes;
    Map<String, ComponentNode> next = new LinkedHashMap<>();
    for (GraphBuilder.ComponentBlock c : built.components()) {
      ComponentNode node = previous.get(c.id());
      if (node == null) {
        node =
            new ComponentNode(
                c.id(),
                c.registration().name(),
                c.label(),
                c.fragments(),
                c.registration(),
                componentLoggers.apply(c.id()),
                clock);
      }
      node.block = c.block();
      node.file = c.file();
      next.put(c.id(), node);
    }
    for (ComponentNode old : previous.values()) {
      if (!next.containsKey(old.id)) {
        stopNode(old);
      }
    }
    Graph g = built.graph();
    for (ComponentNode node : next.values()) {
      node.referencesTo = g.dependenciesOf(node.id).stream().filter(next::containsKey).toList();
      node.referencedBy = g.dependantsOf(node.id).stream().filter(next::containsKey).toList();
      node.dataFlowEdgesTo = g.dataFlowFrom(node.id).stream().filter(next::containsKey).toList();
    }
    Map<String, List<String>> fragments = new LinkedHashMap<>();
    next.values().forEach(n -> fragments.put(n.id, n.fragments));
    exportsScope.setComponents(fragments);
    nodes = Map.copyOf(next);
    graph = g;
    synchronized (pending) {
      pending.retainAll(next.keySet());
    }

    baseScope = constantsScope(built.constants(), diags);
    Set<String> seenServices = new LinkedHashSet<>();
    for (String id : g.topologicalOrder()) {
      ComponentNode node = next.get(id);
      if (node != null) {
        evaluate(node, diags);
      } else {
        GraphBuilder.ServiceBlockUse use = built.services().get(id);
        if (use != null) {
          applyServiceBlock(use, diags);
          seenServices.add(id);
        }
      }
    }
    for (ServiceBlock<?> block : serviceBlocks.values()) {
      if (!seenServices.contains(block.name())) {
        block.applyDefaults(); // removing the block from the file resets the service
      }
    }
    for (ComponentNode node : next.values()) {
      node.start(clock);
    }
  }

  /** The standard library, with {@code constants} overridden by a jalloy constants block. */
  private Scope constantsScope(Optional<GraphBuilder.ConstantsBlock> constants, Diagnostics diags) {
    Scope root = rootScope();
    if (constants.isEmpty()) {
      return root;
    }
    GraphBuilder.ConstantsBlock c = constants.get();
    Decoded<ConstantsOverride> decoded =
        new BodyDecoder(new Evaluator(c.file()))
            .decodeArguments(c.block(), ConstantsOverride.class, root);
    diags.addAll(decoded.diagnostics());
    if (decoded.value().isEmpty() || decoded.value().get().hostname().isEmpty()) {
      return root;
    }
    Map<String, dev.jalloy.syntax.value.Value> overridden =
        new LinkedHashMap<>(stdlib.lookup("constants").orElseThrow().fields());
    overridden.put(
        "hostname", dev.jalloy.syntax.value.Value.string(decoded.value().get().hostname().get()));
    return root.child(Map.of("constants", dev.jalloy.syntax.value.Value.object(overridden)));
  }

  private void applyServiceBlock(GraphBuilder.ServiceBlockUse use, Diagnostics diags) {
    ServiceBlock<?> service = serviceBlocks.get(use.block().fullName());
    Decoded<?> decoded =
        new BodyDecoder(new Evaluator(use.file()))
            .decodeArguments(use.block(), service.arguments(), scope());
    diags.addAll(decoded.diagnostics());
    decoded
        .value()
        .ifPresent(
            args -> {
              try {
                service.applyDecoded(args);
              } catch (IllegalArgumentException e) {
                diags.add(blockError(use.file(), use.block(), e.getMessage()));
              }
            });
  }

  private Scope scope() {
    return exportsScope.over(baseScope);
  }

  /**
   * Evaluates one component's block in the current scope: builds the component the first time,
   * updates it when its arguments changed, and records evaluation health. Problems go to {@code
   * diags} (null for re-evaluations, whose problems show as health and in the log).
   */
  private void evaluate(ComponentNode node, Diagnostics diags) {
    long started = System.nanoTime();
    try {
      Decoded<? extends Record> decoded =
          new BodyDecoder(new Evaluator(node.file))
              .decodeArguments(node.block, node.registration.arguments(), scope());
      if (diags != null) {
        diags.addAll(decoded.diagnostics());
      }
      if (decoded.value().isEmpty()) {
        String why = firstError(decoded.diagnostics());
        node.evaluationHealth =
            Health.unhealthy("component evaluation failed: " + why, clock.instant());
        if (diags == null) {
          node.logger.atError().addKeyValue("err", why).log("failed to evaluate component");
        }
        return;
      }
      Record args = decoded.value().get();
      boolean applied = true;
      if (node.instance == null) {
        applied = build(node, args, diags);
      } else if (!args.equals(node.arguments)) {
        applied = update(node, args, diags);
      }
      if (applied) {
        node.evaluationHealth = Health.healthy("component evaluated", clock.instant());
      }
    } catch (RuntimeException e) {
      // A bug in a component's build or update must not take the controller down.
      node.evaluationHealth =
          Health.unhealthy("component evaluation failed: " + e, clock.instant());
      node.logger.error("component evaluation failed", e);
      if (diags != null) {
        diags.add(blockError(node.file, node.block, "component evaluation failed: " + e));
      }
    } finally {
      observer.evaluated(node.id, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private boolean build(ComponentNode node, Record args, Diagnostics diags) {
    Registration.Factory factory = node.registration.factory();
    try {
      node.instance = (Component<?>) factory.build(new NodeOptions(node), args);
      node.arguments = args;
      return true;
    } catch (Exception e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      node.evaluationHealth =
          Health.unhealthy(
              "component evaluation failed: building component: " + why, clock.instant());
      node.logger.atError().addKeyValue("err", why).log("failed to build component");
      if (diags != null) {
        diags.add(blockError(node.file, node.block, "building component: " + why));
      }
      return false;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private boolean update(ComponentNode node, Record args, Diagnostics diags) {
    try {
      ((Component) node.instance).update(args);
      node.arguments = args;
      return true;
    } catch (Exception e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      node.evaluationHealth =
          Health.unhealthy(
              "component evaluation failed: updating component: " + why, clock.instant());
      node.logger.atError().addKeyValue("err", why).log("failed to update component");
      if (diags != null) {
        diags.add(blockError(node.file, node.block, "updating component: " + why));
      }
      return false;
    }
  }

  /** Called from any thread when a component publishes exports. */
  private void exportsChanged(ComponentNode node, Record exports) {
    node.exports = exports;
    if (!exportsScope.publish(node.id, ValueEncoder.encode(exports))) {
      return; // equal exports are ignored, as in Alloy
    }
    boolean schedule;
    synchronized (pending) {
      pending.addAll(graph.dependantsOf(node.id));
      schedule = !drainScheduled && !pending.isEmpty();
      drainScheduled |= schedule;
    }
    if (schedule) {
      loop.execute(this::drain);
    }
  }

  /** Re-evaluates the components owed a re-evaluation, each once however often it was asked. */
  private void drain() {
    List<String> batch;
    synchronized (pending) {
      batch = new ArrayList<>(pending);
      pending.clear();
      drainScheduled = false;
    }
    Map<String, ComponentNode> current = nodes;
    for (String id : batch) {
      ComponentNode node = current.get(id);
      if (node != null) {
        evaluate(node, null);
      }
    }
  }

  private void stopNode(ComponentNode node) {
    try {
      if (!node.stop(shutdownDeadline)) {
        node.logger.error("component did not stop within the shutdown deadline");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops every component, dependants before their dependencies. */
  @Override
  public void close() {
    onLoop(
        () -> {
          List<String> order = new ArrayList<>(graph.topologicalOrder());
          java.util.Collections.reverse(order);
          for (String id : order) {
            ComponentNode node = nodes.get(id);
            if (node != null) {
              stopNode(node);
            }
          }
          return null;
        });
    loop.shutdown();
  }

  private <T> T onLoop(java.util.concurrent.Callable<T> task) {
    Future<T> f = loop.submit(task);
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the controller", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static String firstError(Diagnostics diags) {
    for (Diagnostic d : diags) {
      if (d.isError()) {
        return d.message();
      }
    }
    return "unknown error";
  }

  private static Diagnostic blockError(SourceFile file, BlockStmt block, String message) {
    return Diagnostic.error(
        file.position(block.namePos()),
        file.position(Math.max(block.namePos(), block.lcurlyPos() - 1)),
        message);
  }

  // ---- RuntimeView ------------------------------------------------------------------------

  @Override
  public List<ComponentInfo> components() {
    return nodes.values().stream().sorted(Comparator.comparing(n -> n.id)).map(this::info).toList();
  }

  @Override
  public Optional<ComponentInfo> component(String id) {
    return Optional.ofNullable(nodes.get(id)).map(this::info);
  }

  @Override
  public boolean hasComponent(String id) {
    return nodes.containsKey(id);
  }

  @Override
  public boolean ready() {
    return ready;
  }

  @Override
  public Optional<HttpHandlerProvider> httpHandler(String id) {
    ComponentNode node = nodes.get(id);
    return node != null && node.instance instanceof HttpHandlerProvider p
        ? Optional.of(p)
        : Optional.empty();
  }

  @Override
  public Map<String, PrometheusRegistry> componentRegistries() {
    Map<String, PrometheusRegistry> out = new LinkedHashMap<>();
    nodes.values().forEach(n -> out.put(n.id, n.registry));
    return out;
  }

  /** Health of every component by id, for {@code /-/healthy} and controller metrics. */
  public Map<String, Health> health() {
    Map<String, Health> out = new HashMap<>();
    nodes.values().forEach(n -> out.put(n.id, n.health()));
    return out;
  }

  private ComponentInfo info(ComponentNode n) {
    Record args = n.arguments;
    Record exports = n.exports;
    Optional<List<BodyEntry>> debug = Optional.empty();
    if (n.instance instanceof DebugInfoProvider p) {
      try {
        debug = Optional.of(ValueEncoder.body(p.debugInfo()));
      } catch (RuntimeException e) {
        n.logger.atWarn().addKeyValue("err", e.toString()).log("debug info failed");
      }
    }
    return new ComponentInfo(
        n.id,
        n.name,
        n.label,
        "",
        n.health(),
        args == null ? List.of() : ValueEncoder.body(args),
        exports == null ? Optional.empty() : Optional.of(ValueEncoder.body(exports)),
        debug,
        n.referencesTo,
        n.referencedBy,
        n.dataFlowEdgesTo,
        n.instance instanceof LiveDebuggingSupport);
  }

  // ---- per-component options ----------------------------------------------------------------

  private final class NodeOptions implements Options {
    private final ComponentNode node;

    NodeOptions(ComponentNode node) {
      this.node = node;
    }

    @Override
    public String id() {
      return node.id;
    }

    @Override
    public Logger logger() {
      return node.logger;
    }

    @Override
    public Path dataPath() {
      return storagePath.resolve(node.id);
    }

    @Override
    public PrometheusRegistry registry() {
      return node.registry;
    }

    @Override
    public void onStateChange(Record exports) {
      exportsChanged(node, exports);
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

  /** Told what the controller does, for its metrics. Every method defaults to nothing. */
  public interface Observer {
    /** One component evaluation took {@code took}. */
    default void evaluated(String componentId, Duration took) {}

    /** A load (initial or reload) starts ({@code true}) or ends ({@code false}). */
    default void evaluating(boolean evaluating) {}

    /**
     * A load finished.
     *
     * @param ok whether it loaded without error
     * @param sha256 hex SHA-256 of the configuration's bytes, files in name order
     */
    default void loaded(boolean ok, String sha256) {}
  }

  /** Builds a {@link Controller}. */
  public static final class Builder {
    private ComponentRegistry registry;
    private Path storagePath = Path.of("data-alloy");
    private Stability minimumStability = Stability.GENERALLY_AVAILABLE;
    private Stdlib stdlib = Stdlib.forThisHost("");
    private Services services =
        new Services() {
          @Override
          public String memoryAddress() {
            return "alloy.internal:12345";
          }

          @Override
          public String listenAddress() {
            return "127.0.0.1:12345";
          }

          @Override
          public LiveDebugging liveDebugging() {
            return LiveDebugging.DISABLED;
          }

          @Override
          public void writeSelfMetrics(java.io.Writer out) {}
        };
    private final Map<String, ServiceBlock<?>> serviceBlocks = new LinkedHashMap<>();
    private Supplier<List<SourceFile>> sources;
    private Clock clock = Clock.systemUTC();
    private Duration shutdownDeadline = Duration.ofMinutes(10);
    private Function<String, Logger> componentLoggers =
        id -> LoggerFactory.getLogger("component." + id);
    private Observer observer = new Observer() {};
    private String modulePath = ".";

    public Builder registry(ComponentRegistry registry) {
      this.registry = registry;
      return this;
    }

    /** {@code --storage.path}: components keep their data in {@code <path>/<id>}. */
    public Builder storagePath(Path storagePath) {
      this.storagePath = storagePath;
      return this;
    }

    /** {@code --stability.level}. */
    public Builder minimumStability(Stability minimumStability) {
      this.minimumStability = minimumStability;
      return this;
    }

    public Builder stdlib(Stdlib stdlib) {
      this.stdlib = stdlib;
      return this;
    }

    public Builder services(Services services) {
      this.services = services;
      return this;
    }

    public Builder serviceBlock(ServiceBlock<?> block) {
      this.serviceBlocks.put(block.name(), block);
      return this;
    }

    /** Where the configuration comes from; read again on every reload. */
    public Builder sources(Supplier<List<SourceFile>> sources) {
      this.sources = sources;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** {@code --feature.component-shutdown-deadline}. */
    public Builder shutdownDeadline(Duration shutdownDeadline) {
      this.shutdownDeadline = shutdownDeadline;
      return this;
    }

    /** Gives each component its logger (one that adds {@code component_id} to its lines). */
    public Builder componentLoggers(Function<String, Logger> componentLoggers) {
      this.componentLoggers = componentLoggers;
      return this;
    }

    /**
     * {@code module_path} in expressions: the directory holding the configuration file, or the
     * configuration directory itself.
     */
    public Builder modulePath(String modulePath) {
      this.modulePath = modulePath;
      return this;
    }

    public Builder observer(Observer observer) {
      this.observer = observer;
      return this;
    }

    public Controller build() {
      return new Controller(this);
    }
  }
}
