package dev.jalloy.syntax.stdlib;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.jalloy.syntax.go.GoStrings;
import dev.jalloy.syntax.value.AlloyFunction;
import dev.jalloy.syntax.value.Conversions;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.syntax.value.ValueError;
import dev.jalloy.syntax.value.ValueType;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Alloy's standard library (v1.18): the root identifiers of every configuration.
 *
 * <p>{@link #identifiers()} is the scope the evaluator falls back to after the configuration's own
 * names: namespaces as objects of functions ({@code string.format}), {@code constants} as an object
 * of strings, {@code coalesce} and {@code json_path} as functions, and the deprecated top-level
 * aliases ({@code env}, {@code concat}, {@code format}, …) which Alloy still accepts with a warning
 * ({@link #replacementFor}). {@code array.combine_maps} and {@code array.group_by} are experimental
 * ({@link #isExperimental}).
 *
 * <p>An instance is immutable and can be shared; the environment, host name and version are
 * injected so tests do not depend on the machine.
 */
public final class Stdlib {
  private static final Map<String, String> DEPRECATED = deprecatedAliases();
  private static final Set<String> EXPERIMENTAL = Set.of("array.combine_maps", "array.group_by");
  private static final Configuration JSON_PATH =
      Configuration.builder()
          .jsonProvider(new JacksonJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .options(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS)
          .build();
  private static final Pattern SEMVER =
      Pattern.compile("v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

  private final Function<String, Optional<String>> env;
  private final Map<String, Value> identifiers;

  /**
   * A standard library reading the environment through {@code env} and reporting the given host
   * name and build version ({@code constants.version} is normalised to {@code vX.Y.Z}, {@code
   * v0.0.0} when empty).
   */
  public Stdlib(Function<String, Optional<String>> env, String hostname, String version) {
    this.env = env;
    this.identifiers = build(hostname, normalizeVersion(version));
  }

  /** The standard library of this process: real environment, host name and the given version. */
  public static Stdlib forThisHost(String version) {
    return new Stdlib(name -> Optional.ofNullable(System.getenv(name)), hostName(), version);
  }

  /** The root identifiers, deprecated aliases included, in a stable order. */
  public Map<String, Value> identifiers() {
    return identifiers;
  }

  /** The root identifier {@code name}, if the standard library defines it. */
  public Optional<Value> lookup(String name) {
    return Optional.ofNullable(identifiers.get(name));
  }

  /** Whether {@code name} is a deprecated top-level alias (use still works, with a warning). */
  public static boolean isDeprecated(String name) {
    return DEPRECATED.containsKey(name);
  }

  /** The namespaced replacement of a deprecated alias, e.g. {@code env} → {@code sys.env}. */
  public static Optional<String> replacementFor(String name) {
    return Optional.ofNullable(DEPRECATED.get(name));
  }

  /**
   * Whether the dotted path names an experimental function ({@code array.combine_maps}, {@code
   * array.group_by}), only usable with {@code --stability.level=experimental}.
   */
  public static boolean isExperimental(String dottedPath) {
    return EXPERIMENTAL.contains(dottedPath);
  }

  /** The experimental identifiers as dotted paths. */
  public static Set<String> experimentalIdentifiers() {
    return EXPERIMENTAL;
  }

  // ---- construction ------------------------------------------------------------------------

  private static Map<String, String> deprecatedAliases() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("env", "sys.env");
    m.put("nonsensitive", "convert.nonsensitive");
    m.put("concat", "array.concat");
    m.put("json_decode", "encoding.from_json");
    m.put("yaml_decode", "encoding.from_yaml");
    m.put("base64_decode", "encoding.from_base64");
    m.put("format", "string.format");
    m.put("join", "string.join");
    m.put("replace", "string.replace");
    m.put("split", "string.split");
    m.put("to_lower", "string.to_lower");
    m.put("to_upper", "string.to_upper");
    m.put("trim", "string.trim");
    m.put("trim_prefix", "string.trim_prefix");
    m.put("trim_suffix", "string.trim_suffix");
    m.put("trim_space", "string.trim_space");
    return Map.copyOf(m);
  }

  private Map<String, Value> build(String hostname, String version) {
    Value.Obj constants =
        Value.objectBuilder()
            .put("hostname", Value.string(hostname))
            .put("os", Value.string(goOs()))
            .put("arch", Value.string(goArch()))
            .put("version", Value.string(version))
            .build();
    Value.Obj sys = Value.objectBuilder().put("env", fn("sys.env", this::sysEnv)).build();
    Value.Obj convert =
        Value.objectBuilder()
            .put("nonsensitive", fn("convert.nonsensitive", Stdlib::nonsensitive))
            .build();
    Value.Obj array =
        Value.objectBuilder()
            .put("concat", fn("array.concat", Stdlib::concat))
            .put("combine_maps", fn("array.combine_maps", Stdlib::combineMaps))
            .put("group_by", fn("array.group_by", Stdlib::groupBy))
            .build();
    Value.Obj encoding =
        Value.objectBuilder()
            .put("from_json", fn("encoding.from_json", Stdlib::fromJson))
            .put("from_yaml", fn("encoding.from_yaml", Stdlib::fromYaml))
            .put("from_base64", fn("encoding.from_base64", (f, a) -> fromBase64(f, a, false)))
            .put("from_URLbase64", fn("encoding.from_URLbase64", (f, a) -> fromBase64(f, a, true)))
            .put("to_base64", fn("encoding.to_base64", (f, a) -> toBase64(f, a, false)))
            .put("to_URLbase64", fn("encoding.to_URLbase64", (f, a) -> toBase64(f, a, true)))
            .put("to_json", fn("encoding.to_json", Stdlib::toJson))
            .put("url_encode", fn("encoding.url_encode", Stdlib::urlEncode))
            .put("url_decode", fn("encoding.url_decode", Stdlib::urlDecode))
            .build();
    Value.Obj string =
        Value.objectBuilder()
            .put("format", fn("string.format", Stdlib::format))
            .put("join", fn("string.join", Stdlib::join))
            .put("replace", fn("string.replace", Stdlib::replace))
            .put("split", fn("string.split", Stdlib::split))
            .put("to_lower", fn("string.to_lower", unary(GoStrings::toLower)))
            .put("to_upper", fn("string.to_upper", unary(GoStrings::toUpper)))
            .put("trim", fn("string.trim", binary(GoStrings::trim)))
            .put("trim_prefix", fn("string.trim_prefix", binary(Stdlib::trimPrefix)))
            .put("trim_suffix", fn("string.trim_suffix", binary(Stdlib::trimSuffix)))
            .put("trim_space", fn("string.trim_space", unary(GoStrings::trimSpace)))
            .build();
    Value.Obj file =
        Value.objectBuilder().put("path_join", fn("file.path_join", Stdlib::pathJoin)).build();

    Map<String, Value> ids = new LinkedHashMap<>();
    ids.put("constants", constants);
    ids.put("coalesce", fn("coalesce", Stdlib::coalesce));
    ids.put("json_path", fn("json_path", Stdlib::jsonPath));
    ids.put("sys", sys);
    ids.put("convert", convert);
    ids.put("array", array);
    ids.put("encoding", encoding);
    ids.put("string", string);
    ids.put("file", file);
    // The deprecated aliases are the very same function values as their replacements.
    for (Map.Entry<String, String> e : deprecatedAliases().entrySet()) {
      String[] path = e.getValue().split("\\.");
      ids.put(e.getKey(), ((Value.Obj) ids.get(path[0])).fields().get(path[1]));
    }
    return Value.object(ids).fields();
  }

  /** A function body that also receives its own function value, for error messages. */
  @FunctionalInterface
  private interface Body {
    Value call(Value.Func self, List<Value> args);
  }

  private static Value.Func fn(String name, Body body) {
    Value.Func[] self = new Value.Func[1];
    AlloyFunction f = args -> body.call(self[0], args);
    self[0] = Value.function(name, f);
    return self[0];
  }

  private static Body unary(Function<String, String> op) {
    return (self, args) -> {
      Args.exactly(self, args, 1);
      return Value.string(op.apply(Args.string(args, 0)));
    };
  }

  private interface StringOp2 {
    String apply(String a, String b);
  }

  private static Body binary(StringOp2 op) {
    return (self, args) -> {
      Args.exactly(self, args, 2);
      return Value.string(op.apply(Args.string(args, 0), Args.string(args, 1)));
    };
  }

  // ---- constants ---------------------------------------------------------------------------

  /** Go's GOOS for this JVM's operating system. */
  static String goOs() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("linux")) {
      return "linux";
    }
    if (os.contains("mac") || os.contains("darwin")) {
      return "darwin";
    }
    if (os.contains("windows")) {
      return "windows";
    }
    if (os.contains("freebsd")) {
      return "freebsd";
    }
    return os.replace(" ", "");
  }

  /** Go's GOARCH for this JVM's architecture. */
  static String goArch() {
    return goArch(System.getProperty("os.arch", ""));
  }

  /** Maps a Java {@code os.arch} to Go's spelling ({@code x86_64} → {@code amd64}, …). */
  static String goArch(String javaArch) {
    return switch (javaArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i486", "i586", "i686" -> "386";
      case "arm", "arm32" -> "arm";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> javaArch;
    };
  }

  /**
   * The host name like Go's {@code os.Hostname()} on Linux (the kernel's node name), without the
   * DNS lookups of {@link java.net.InetAddress#getLocalHost()}; {@code ""} when unknown.
   */
  static String hostName() {
    try {
      String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      if (!h.isEmpty()) {
        return h;
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or no procfs: fall back below.
    }
    String h = System.getenv("HOSTNAME");
    if (h != null && !h.isEmpty()) {
      return h;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Alloy's version normalisation: trimmed, a {@code v} prefix, missing minor/patch filled in
   * ({@code 1.2} → {@code v1.2.0}); {@code v0.0.0} when empty; unparseable text unchanged.
   */
  static String normalizeVersion(String version) {
    String v = version.trim();
    if (v.isEmpty()) {
      return "v0.0.0";
    }
    Matcher m = SEMVER.matcher(v);
    if (!m.matches()) {
      return v;
    }
    StringBuilder sb = new StringBuilder("v");
    sb.append(Long.parseLong(m.group(1)))
        .append('.')
        .append(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
        .append('.')
        .append(m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
    if (m.group(4) != null) {
      sb.append(m.group(4));
    }
    if (m.group(5) != null) {
      sb.append(m.group(5));
    }
    return sb.toString();
  }

  // ---- the functions -----------------------------------------------------------------------

  private Value sysEnv(Value.Func self, List<Value> args) {
    Args.exactly(self, args, 1);
    return Value.string(env.apply(Args.string(args, 0)).orElse(""));
  }

  private static Value nonsensitive(Value.Func self, List<Value> args) {
    Args.exactly(self, args, 1);
    return Value.string(Args.secret(args, 0).value());
  }

  /**
   * {@code coalesce}: the first argument that is not null and not a zero value ({@code 0}, {@code
   * false}, {@code ""}, {@code []}, {@code {}}); the last argument when all are; null for none.
   */
  private static Value coalesce(Value.Func self, List<Value> args) {
    if (args.isEmpty()) {
      return Value.NULL;
    }
    for (Value arg : args) {
      if (!isZero(arg)) {
        return arg;
      }
    }
    return args.getLast();
  }

  /** Go's {@code reflect.Value.IsZero} plus emptiness for arrays and objects. */
  static boolean isZero(Value v) {
    return switch (v) {
      case Value.Null n -> true;
      case Value.Int i -> i.value() == 0;
      case Value.Uint u -> u.value() == 0;
      // IsZero looks at the bits, so -0.0 is not zero.
      case Value.Float f -> Double.doubleToRawLongBits(f.value()) == 0;
      case Value.Str s -> s.text().isEmpty();
      case Value.Bool b -> !b.value();
      case Value.Array a -> a.elements().isEmpty();
      case Value.Obj o -> o.fields().isEmpty();
      case Value.Secret s -> s.value().isEmpty();
      case Value.OptionalSecret s -> s.value().isEmpty() && !s.isSecret();
      case Value.Func f -> false;
      case Value.Capsule c -> c.payload() == null;
    };
  }

  private static Value concat(Value.Func self, List<Value> args) {
    if (args.isEmpty()) {
      return Value.EMPTY_ARRAY;
    }
    int size = 0;
    for (int i = 0; i < args.size(); i++) {
      size += Args.array(args, i).size();
    }
    if (args.size() == 1) {
      return args.getFirst();
    }
    List<Value> out = new ArrayList<>(size);
    for (Value a : args) {
      out.addAll(a.elements());
    }
    return Value.array(out);
  }

  /**
   * {@code array.combine_maps(left, right, keys[, passthrough])}: for every (left, right) pair of
   * objects whose values are equal for all keys, the merged object (right wins). With passthrough,
   * every non-matching pair contributes the left object, as Alloy does.
   */
  private static Value combineMaps(Value.Func self, List<Value> args) {
    if (args.size() != 3 && args.size() != 4) {
      throw ValueError.of(self, "combine_maps: expected 3 or 4 arguments, got " + args.size());
    }
    List<Map<String, Value>> left = objectList(args, 0);
    List<Map<String, Value>> right = objectList(args, 1);
    Args.array(args, 2);
    List<String> keys = Args.stringList(args, 2);
    if (keys.isEmpty()) {
      throw ValueError.of(args.get(2), "combine_maps: merge conditions must not be empty")
          .atArgument(2);
    }
    boolean passthrough = args.size() == 4 && Args.bool(args, 3);
    List<Value> out = new ArrayList<>();
    for (Map<String, Value> l : left) {
      for (Map<String, Value> r : right) {
        if (shouldJoin(l, r, keys)) {
          Map<String, Value> merged = new LinkedHashMap<>(l);
          merged.putAll(r);
          out.add(Value.object(merged));
        } else if (passthrough) {
          out.add(Value.object(l));
        }
      }
    }
    return Value.array(out);
  }

  private static List<Map<String, Value>> objectList(List<Value> args, int i) {
    List<Value> elements = Args.array(args, i).elements();
    List<Map<String, Value>> out = new ArrayList<>(elements.size());
    for (int j = 0; j < elements.size(); j++) {
      if (!(elements.get(j) instanceof Value.Obj o)) {
        throw ValueError.typeError(elements.get(j), ValueType.OBJECT).atElement(j).atArgument(i);
      }
      out.add(o.fields());
    }
    return out;
  }

  /**
   * Join condition of combine_maps: every key present on both sides with equal values of the same
   * kind (Go's {@code reflect.Value.Equal}, so {@code 1} and {@code 1.0} differ).
   */
  private static boolean shouldJoin(Map<String, Value> l, Map<String, Value> r, List<String> keys) {
    for (String k : keys) {
      Value a = l.get(k);
      Value b = r.get(k);
      if (a == null || b == null || !a.equals(b)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code array.group_by(list, key, drop_missing)}: groups objects by the string value of {@code
   * key} into {@code [{<key> = v, items = [...]}]}, in order of first appearance. Objects without
   * the key are dropped, or grouped under {@code ""} when {@code drop_missing} is false.
   */
  private static Value groupBy(Value.Func self, List<Value> args) {
    Args.exactly(self, args, 3);
    List<Map<String, Value>> items = objectList(args, 0);
    String key = Args.string(args, 1);
    boolean dropMissing = Args.bool(args, 2);
    Map<String, List<Value>> groups = new LinkedHashMap<>();
    List<Value> elements = args.get(0).elements();
    for (int j = 0; j < items.size(); j++) {
      Value v = items.get(j).get(key);
      String group;
      if (v == null || v instanceof Value.Null) {
        if (dropMissing) {
          continue;
        }
        group = "";
      } else {
        try {
          group = Conversions.asString(v);
        } catch (ValueError e) {
          throw e.atField(key).atElement(j).atArgument(0);
        }
      }
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(elements.get(j));
    }
    List<Value> out = new ArrayList<>(groups.size());
    for (Map.Entry<String, List<Value>> g : groups.entrySet()) {
      out.add(
          Value.objectBuilder()
              .put(key, Value.string(g.getKey()))
              .put("items", Value.array(g.getValue()))
              .build());
    }
    return Value.array(out);
  }

  private static Value fromJson(Value.Func self, List<Value> args) {
    Args.exactly(self, args, 1);
    return Json.decode(args.get(0), Args.string(args, 0));
  }

  private static Value toJson(Value.Func self, List<Value> args) {
    Args.exactly(self, args, 1);
    if (!(args.get(0) instanceof Value.Obj)) {
      throw ValueError.of(args.get(0), "jsonEncode only supports map").atArgument(0);
    }
    try {
      return Value.string(Json.encode(args.get(0)));
    } catch (ValueError e) {
      throw e.atArgument(0);
    }
  }

  private static Value fromYaml(Value.Func self, List<Value> args) {
    Args.exactly(self, args, 1);
    String text = Args.string(args, 0);
    try {
      // YAML 1.2 core schema, as Go's yaml.v3 resolves scalars: 0o17, 0x1F, ~, .inf.
      Load load =
          new Load(LoadSettings.builder().setLabel("yaml").setSchema(new CoreSchema()).build());
      // Like Go's yaml.Unmarshal, only the first document counts; an empty input is null.
      Iterator<Object> docs = load.loadAllFromString(text).iterator();
      return docs.hasNext() ? JavaValues.toValue(docs.next()) : Value.NULL;
    } catch (YamlEngineException e) {
      throw ValueError.of(self, "yaml: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid YAML";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static Value fromBase64(Value.Func self, List<Value> args, boolean url) {
    Args.exactly(self, args, 1);
    String text = Args.string(args, 0);
    try {
      return Value.string(new String(GoStrings.base64Decode(text, url), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw ValueError.of(self, e.getMessage());
    }
  }

  private static Value toBase64(Value.Func self, List<Value> args, boolean url) {
    Args.exactly(self, args, 1);
    byte[] bytes = Args.string(args, 0).getBytes(StandardCharsets.UTF_8);
    return Value.string((url ? Base64.getUrlEncoder() : Base64.getEncoder()).encodeToString(bytes));
  }

  private static Value urlEncode(Value.Func self, List<Value> args) {
    Args.exactly(self, args, 1);
    return Value.string(GoStrings.queryEscape(Args.string(args, 0)));
  }

  private static Value urlDecode(Value.Func self, List<Value> args) {
    Args.exactly(self, args, 1);
    try {
      return Value.string(GoStrings.queryUnescape(Args.string(args, 0)));
    } catch (IllegalArgumentException e) {
      throw ValueError.of(self, e.getMessage());
    }
  }

  /**
   * {@code string.format}: Go's {@code fmt.Sprintf}. Secrets are refused (Alloy documents that
   * format cannot take them); optional secrets that are not secret format as strings.
   */
  private static Value format(Value.Func self, List<Value> args) {
    Args.atLeast(self, args, 1);
    String fmt = Args.string(args, 0);
    List<Value> rest = new ArrayList<>(args.size() - 1);
    for (int i = 1; i < args.size(); i++) {
      Value a = args.get(i);
      switch (a) {
        case Value.Secret s -> throw ValueError.of(a, Conversions.SECRET_TO_STRING).atArgument(i);
        case Value.OptionalSecret os -> {
          if (os.isSecret()) {
            throw ValueError.of(a, Conversions.SECRET_TO_STRING).atArgument(i);
          }
          rest.add(Value.string(os.value()));
        }
        default -> rest.add(a);
      }
    }
    return Value.string(GoFormat.sprintf(fmt, rest));
  }

  private static Value join(Value.Func self, List<Value> args) {
    Args.exactly(self, args, 2);
    List<String> elems = Args.stringList(args, 0);
    return Value.string(String.join(Args.string(args, 1), elems));
  }

  private static Value replace(Value.Func self, List<Value> args) {
    Args.exactly(self, args, 3);
    return Value.string(
        GoStrings.replaceAll(Args.string(args, 0), Args.string(args, 1), Args.string(args, 2)));
  }

  private static Value split(Value.Func self, List<Value> args) {
    Args.exactly(self, args, 2);
    List<String> parts = GoStrings.split(Args.string(args, 0), Args.string(args, 1));
    List<Value> out = new ArrayList<>(parts.size());
    for (String p : parts) {
      out.add(Value.string(p));
    }
    return Value.array(out);
  }

  private static String trimPrefix(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  private static String trimSuffix(String s, String suffix) {
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  private static Value pathJoin(Value.Func self, List<Value> args) {
    List<String> elems = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      elems.add(Args.string(args, i));
    }
    return Value.string(GoStrings.pathJoin(elems));
  }

  /**
   * {@code json_path(json, path)}: Goessner JSONPath over the parsed document; always a list,
   * {@code []} when nothing matches.
   */
  private static Value jsonPath(Value.Func self, List<Value> args) {
    Args.exactly(self, args, 2);
    String json = Args.string(args, 0);
    String path = Args.string(args, 1);
    JsonPath compiled;
    try {
      compiled = JsonPath.compile(path);
    } catch (InvalidPathException e) {
      throw ValueError.of(args.get(1), e.getMessage()).atArgument(1);
    }
    Object result;
    try {
      result = JsonPath.using(JSON_PATH).parse(json).read(compiled);
    } catch (InvalidJsonException e) {
      throw ValueError.of(args.get(0), "invalid JSON: " + firstLine(e.getMessage())).atArgument(0);
    }
    if (result == null) {
      return Value.EMPTY_ARRAY;
    }
    Value v = JavaValues.toValue(result);
    return v instanceof Value.Array ? v : Value.array(v);
  }

  @Override
  public String toString() {
    return "Stdlib" + identifiers.keySet();
  }
}
