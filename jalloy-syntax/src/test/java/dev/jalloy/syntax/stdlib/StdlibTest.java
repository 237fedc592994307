package dev.jalloy.syntax.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jalloy.syntax.value.Conversions;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.syntax.value.ValueError;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every standard library function, with the examples of Alloy's stdlib reference. */
class StdlibTest {
  private static final Stdlib STDLIB =
      new Stdlib(
          name -> Optional.ofNullable(Map.of("HOME", "/home/alloy").get(name)), "host1", "1.2.3");

  private static Value i(long v) {
    return Value.number(v);
  }

  private static Value f(double v) {
    return Value.number(v);
  }

  private static Value s(String v) {
    return Value.string(v);
  }

  private static Value arr(Value... v) {
    return Value.array(v);
  }

  private static Value obj(Object... kv) {
    Map<String, Value> m = new LinkedHashMap<>();
    for (int k = 0; k < kv.length; k += 2) {
      m.put((String) kv[k], (Value) kv[k + 1]);
    }
    return Value.object(m);
  }

  /** Looks up a dotted stdlib path like {@code string.format}. */
  private static Value lookup(String path) {
    String[] parts = path.split("\\.");
    Value v = STDLIB.identifiers().get(parts[0]);
    for (int k = 1; k < parts.length; k++) {
      v = v.fields().get(parts[k]);
    }
    assertThat(v).as(path).isNotNull();
    return v;
  }

  private static Value call(String path, Value... args) {
    return ((Value.Func) lookup(path)).call(Arrays.asList(args));
  }

  private static Arguments c(String fn, Value expected, Value... args) {
    return Arguments.of(fn, Arrays.asList(args), expected);
  }

  static Stream<Arguments> calls() {
    return Stream.of(
        // sys and convert
        c("sys.env", s("/home/alloy"), s("HOME")),
        c("sys.env", s(""), s("NOT_SET")),
        c("env", s("/home/alloy"), s("HOME")),
        c("convert.nonsensitive", s("hunter2"), Value.secret("hunter2")),
        c("convert.nonsensitive", s("plain"), s("plain")),
        c("nonsensitive", s("x"), Value.optionalSecret("x", true)),
        // coalesce treats every zero value as empty and falls back to the last argument
        c("coalesce", Value.NULL),
        c("coalesce", s("a"), Value.NULL, s(""), s("a")),
        c("coalesce", s("x"), i(0), Value.FALSE, s("x")),
        c("coalesce", obj(), s(""), arr(), obj()),
        c("coalesce", Value.FALSE, i(0), s(""), Value.FALSE),
        c("coalesce", Value.NULL, Value.NULL),
        c("coalesce", i(1), f(0), i(1)),
        c("coalesce", arr(i(1)), arr(), arr(i(1))),
        c("coalesce", Value.TRUE, Value.FALSE, Value.TRUE),
        c("coalesce", obj("a", i(1)), obj("a", i(1)), s("b")),
        // array
        c("array.concat", arr()),
        c("array.concat", arr(), arr()),
        c("array.concat", arr(i(1), i(2), i(3), i(4)), arr(i(1), i(2)), arr(i(3), i(4))),
        c(
            "array.concat",
            arr(i(1), i(2), Value.TRUE, Value.NULL),
            arr(i(1), i(2)),
            arr(),
            arr(Value.TRUE, Value.NULL)),
        c(
            "array.concat",
            arr(arr(i(1), i(2)), arr(i(3), i(4)), arr(i(5), i(6))),
            arr(arr(i(1), i(2)), arr(i(3), i(4))),
            arr(arr(i(5), i(6)))),
        c("concat", arr(i(1), i(2)), arr(i(1)), arr(i(2))),
        c(
            "array.combine_maps",
            arr(obj("instance", s("1.1.1.1"), "team", s("A"), "cluster", s("prod"))),
            arr(obj("instance", s("1.1.1.1"), "team", s("A"))),
            arr(obj("instance", s("1.1.1.1"), "cluster", s("prod"))),
            arr(s("instance"))),
        c(
            "array.combine_maps",
            arr(obj("instance", s("1.1.1.1"), "team", s("B"))),
            arr(obj("instance", s("1.1.1.1"), "team", s("A"))),
            arr(obj("instance", s("1.1.1.1"), "team", s("B"))),
            arr(s("instance"))),
        c(
            "array.combine_maps",
            arr(),
            arr(obj("instance", s("1.1.1.1"), "team", s("A"))),
            arr(obj("instance", s("1.1.1.1"), "cluster", s("prod"))),
            arr(s("instance"), s("team"))),
        c(
            "array.combine_maps",
            arr(obj("a", i(1), "x", i(1)), obj("a", i(2))),
            arr(obj("a", i(1)), obj("a", i(2))),
            arr(obj("a", i(1), "x", i(1))),
            arr(s("a")),
            Value.TRUE),
        // passthrough works per non-matching pair, so the left map can repeat
        c(
            "array.combine_maps",
            arr(obj("a", i(1)), obj("a", i(1))),
            arr(obj("a", i(1))),
            arr(obj("a", i(2)), obj("a", i(3))),
            arr(s("a")),
            Value.TRUE),
        // values must be equal with the same kind, like Go's reflect.Value.Equal
        c("array.combine_maps", arr(), arr(obj("a", i(1))), arr(obj("a", f(1))), arr(s("a"))),
        c(
            "array.group_by",
            arr(
                obj(
                    "k",
                    s("a"),
                    "items",
                    arr(obj("k", s("a"), "v", i(1)), obj("k", s("a"), "v", i(3)))),
                obj("k", s("b"), "items", arr(obj("k", s("b"), "v", i(2))))),
            arr(
                obj("k", s("a"), "v", i(1)),
                obj("k", s("b"), "v", i(2)),
                obj("k", s("a"), "v", i(3)),
                obj("v", i(4))),
            s("k"),
            Value.TRUE),
        c(
            "array.group_by",
            arr(
                obj("k", s("a"), "items", arr(obj("k", s("a")))),
                obj("k", s(""), "items", arr(obj("v", i(4))))),
            arr(obj("k", s("a")), obj("v", i(4))),
            s("k"),
            Value.FALSE),
        // encoding
        c(
            "encoding.from_json",
            obj("a", f(1), "b", arr(Value.TRUE, Value.NULL, s("x")), "c", obj("d", f(2.5))),
            s("{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{\"d\":2.5}}")),
        c("json_decode", f(12), s("12")),
        c("encoding.from_json", s("x"), s(" \"x\" ")),
        c(
            "encoding.from_yaml",
            obj("a", i(1), "b", arr(s("x"), f(2.5)), "c", Value.TRUE, "d", Value.NULL),
            s("a: 1\nb: [x, 2.5]\nc: true\nd: null\n")),
        c("encoding.from_yaml", obj("a", i(1)), s("a: 1\n---\nb: 2\n")),
        c("encoding.from_yaml", Value.NULL, s("")),
        c("yaml_decode", arr(s("a"), s("b")), s("- a\n- b\n")),
        c(
            "encoding.from_yaml",
            obj("n", i(15), "h", i(31), "s", s("yes")),
            s("n: 0o17\nh: 0x1F\ns: yes\n")),
        c(
            "encoding.to_json",
            s("{\"a\":\"\\u003cx\\u003e \\u0026\",\"b\":1,\"c\":[1.5,null,true],\"d\":{}}"),
            obj("b", i(1), "a", s("<x> &"), "c", arr(f(1.5), Value.NULL, Value.TRUE), "d", obj())),
        c("encoding.to_json", s("{}"), obj()),
        c(
            "encoding.to_json",
            s("{\"big\":1e+21,\"neg\":-0.5,\"small\":1e-7,\"whole\":100}"),
            obj("whole", f(100), "big", f(1e21), "small", f(1e-7), "neg", f(-0.5))),
        c(
            "encoding.to_json",
            s("{\"s\":\"tab\\tquote\\\"nl\\n\\u0001\"}"),
            obj("s", s("tab\tquote\"nl\n\u0001"))),
        c("encoding.to_base64", s("c3RyaW5nMTIzIT8kKiYoKSctPUB+"), s("string123!?$*&()'-=@~")),
        c("encoding.to_URLbase64", s("c3RyaW5nMTIzIT8kKiYoKSctPUB-"), s("string123!?$*&()'-=@~")),
        c("encoding.from_base64", s("tangerine"), s("dGFuZ2VyaW5l")),
        c("base64_decode", s("tangerine"), s("dGFuZ2VyaW5l")),
        c("encoding.from_URLbase64", s("string123!?$*&()'-=@~"), s("c3RyaW5nMTIzIT8kKiYoKSctPUB-")),
        c(
            "encoding.url_encode",
            s("string123%21%3F%24%2A%26%28%29%27-%3D%40~"),
            s("string123!?$*&()'-=@~")),
        c("encoding.url_encode", s("a+b"), s("a b")),
        c(
            "encoding.url_decode",
            s("string123!?$*&()'-=@~"),
            s("string123%21%3F%24%2A%26%28%29%27-%3D%40~")),
        // string
        c("string.format", s("a-5"), s("%s-%d"), s("a"), i(5)),
        c("string.format", s("%!d(string=hi)"), s("%d"), s("hi")),
        c("string.format", s("5"), i(5)),
        c("string.format", s("plain"), s("%s"), Value.optionalSecret("plain", false)),
        c("format", s("x=1.5"), s("x=%v"), f(1.5)),
        c("string.join", s("a,b"), arr(s("a"), s("b")), s(",")),
        c("string.join", s("1-2.5"), arr(i(1), f(2.5)), s("-")),
        c("string.join", s(""), arr(), s(",")),
        c("join", s("a b"), arr(s("a"), s("b")), s(" ")),
        c("string.replace", s("heLLo"), s("hello"), s("l"), s("L")),
        c("replace", s("-a-b-"), s("ab"), s(""), s("-")),
        c("string.split", arr(s("a"), s("b"), s("")), s("a,b,"), s(",")),
        c("string.split", arr(s("")), s(""), s(",")),
        c("string.split", arr(s("a"), s("b")), s("ab"), s("")),
        c("split", arr(s("1"), s("2")), i(12), s("")),
        c("string.to_lower", s("hello"), s("HeLLo")),
        c("string.to_upper", s("HELLO"), s("hello")),
        c("string.to_upper", s("5"), i(5)),
        c("to_upper", s("A"), s("a")),
        c("to_lower", s("a"), s("A")),
        c("string.trim", s("a"), s("xxaxx"), s("x")),
        c(
            "string.trim",
            s("Hello, Gophers"),
            s("\u00a1\u00a1\u00a1Hello, Gophers!!!"),
            s("!\u00a1")),
        c("trim", s("b"), s("aba"), s("a")),
        c("string.trim_prefix", s("x"), s("prefix-x"), s("prefix-")),
        c("string.trim_prefix", s("x"), s("x"), s("y")),
        c("trim_prefix", s("b"), s("ab"), s("a")),
        c("string.trim_suffix", s("config"), s("config.alloy"), s(".alloy")),
        c("trim_suffix", s("a"), s("ab"), s("b")),
        c("string.trim_space", s("a b"), s("  \t a b \n ")),
        c("trim_space", s("x"), s(" x ")),
        // file
        c("file.path_join", s("")),
        c("file.path_join", s("/etc/alloy/config.alloy"), s("/etc"), s("alloy"), s("config.alloy")),
        c("file.path_join", s("b"), s("a"), s("../b")),
        c("file.path_join", s("a/b"), s("a/"), s(""), s("/b/")),
        // json_path always returns a list
        c("json_path", arr(i(1)), s("{\"a\":{\"b\":1}}"), s("$.a.b")),
        c("json_path", arr(i(1), i(2), i(3)), s("{\"a\":[1,2,3]}"), s("$.a[*]")),
        c("json_path", arr(), s("{\"a\":1}"), s("$.missing")),
        c("json_path", arr(f(1.5)), s("{\"a\":1.5}"), s("$.a")),
        c("json_path", arr(obj("a", i(1))), s("{\"a\":1}"), s("$")),
        c("json_path", arr(s("x"), s("y")), s("[{\"n\":\"x\"},{\"n\":\"y\"}]"), s("$[*].n")),
        c(
            "json_path",
            arr(s("x")),
            s("[{\"n\":\"x\",\"k\":1},{\"n\":\"y\",\"k\":2}]"),
            s("$[?(@.k == 1)].n")));
  }

  @ParameterizedTest(name = "{0}{1} = {2}")
  @MethodSource("calls")
  void call(String fn, List<Value> args, Value expected) {
    assertThat(((Value.Func) lookup(fn)).call(args)).isEqualTo(expected);
  }

  @Test
  void jsonNumbersAreFloatsThatPrintLikeIntegers() {
    Value v = call("encoding.from_json", s("{\"port\": 9090}")).fields().get("port");
    assertThat(v).isEqualTo(f(9090));
    assertThat(Conversions.asString(v)).isEqualTo("9090");
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("string.to_upper", List.of(), "expected 1 args, got 0"),
        Arguments.of("string.to_upper", List.of(s("a"), s("b")), "expected 1 args, got 2"),
        Arguments.of("string.join", List.of(arr()), "expected 2 args, got 1"),
        Arguments.of("string.format", List.of(), "expected at least 1 args, got 0"),
        Arguments.of("string.to_upper", List.of(arr(i(1))), "expected string, got array"),
        Arguments.of("string.join", List.of(s("a"), s(",")), "expected array, got string"),
        Arguments.of(
            "string.format",
            List.of(s("%s"), Value.secret("pw")),
            "secrets may not be converted into strings"),
        Arguments.of(
            "string.format",
            List.of(s("%s"), Value.optionalSecret("pw", true)),
            "secrets may not be converted into strings"),
        Arguments.of(
            "string.to_lower",
            List.of(Value.secret("pw")),
            "secrets may not be converted into strings"),
        Arguments.of("convert.nonsensitive", List.of(i(1)), "expected capsule, got number"),
        Arguments.of("array.concat", List.of(arr(), i(2)), "expected array, got number"),
        Arguments.of(
            "array.combine_maps",
            List.of(arr(), arr()),
            "combine_maps: expected 3 or 4 arguments, got 2"),
        Arguments.of(
            "array.combine_maps",
            List.of(arr(), arr(), arr()),
            "combine_maps: merge conditions must not be empty"),
        Arguments.of(
            "array.combine_maps",
            List.of(arr(i(1)), arr(), arr(s("a"))),
            "expected object, got number"),
        Arguments.of(
            "array.group_by",
            List.of(arr(obj("k", arr())), s("k"), Value.TRUE),
            "expected string, got array"),
        Arguments.of("encoding.to_json", List.of(arr(i(1))), "jsonEncode only supports map"),
        Arguments.of(
            "encoding.to_json",
            List.of(obj("pw", Value.secret("x"))),
            "secrets may not be converted into strings"),
        Arguments.of(
            "encoding.to_json", List.of(obj("n", f(Double.NaN))), "json: unsupported value: NaN"),
        Arguments.of("encoding.from_json", List.of(s("")), "unexpected end of JSON input"),
        Arguments.of("encoding.from_json", List.of(s("{\"a\":")), "unexpected end of JSON input"),
        Arguments.of(
            "encoding.from_base64", List.of(s("YQ")), "illegal base64 data at input byte 0"),
        Arguments.of("encoding.url_decode", List.of(s("%zz")), "invalid URL escape \"%zz\""));
  }

  @ParameterizedTest(name = "{0}{1} fails: {2}")
  @MethodSource("errors")
  void error(String fn, List<Value> args, String message) {
    assertThatThrownBy(() -> ((Value.Func) lookup(fn)).call(args))
        .isInstanceOf(ValueError.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "from_json rejects {0}")
  @ValueSource(strings = {"{", "1 2", "{a:1}", "[1,]", "nul"})
  void invalidJson(String text) {
    assertThatThrownBy(() -> call("encoding.from_json", s(text))).isInstanceOf(ValueError.class);
  }

  @Test
  void errorsNameTheArgumentAndElement() {
    ValueError arity = catchThrowableOfType(ValueError.class, () -> call("string.trim", s("a")));
    assertThat(arity.value()).isEqualTo(lookup("string.trim"));
    assertThat(arity.path()).isEmpty();

    ValueError arg =
        catchThrowableOfType(ValueError.class, () -> call("string.to_upper", Value.TRUE));
    assertThat(arg.path()).containsExactly(new ValueError.Argument(0));
    assertThat(arg.value()).isEqualTo(Value.TRUE);

    ValueError elem =
        catchThrowableOfType(
            ValueError.class, () -> call("string.join", arr(s("a"), obj()), s(",")));
    assertThat(elem.path()).containsExactly(new ValueError.Argument(0), new ValueError.Element(1));

    ValueError secret =
        catchThrowableOfType(
            ValueError.class, () -> call("string.format", s("%s %s"), s("a"), Value.secret("b")));
    assertThat(secret.path()).containsExactly(new ValueError.Argument(2));
  }

  @ParameterizedTest(name = "json_path rejects {0}")
  @CsvSource(
      delimiter = '|',
      value = {"not json|$.a", "{}|$[", "{}|$.a[?(@.b =="})
  void jsonPathErrors(String json, String path) {
    assertThatThrownBy(() -> call("json_path", s(json), s(path))).isInstanceOf(ValueError.class);
  }

  @Test
  void constantsAreObjectFields() {
    Value constants = STDLIB.identifiers().get("constants");
    assertThat(constants.fields().get("hostname")).isEqualTo(s("host1"));
    assertThat(constants.fields().get("version")).isEqualTo(s("v1.2.3"));
    assertThat(constants.fields().get("os")).isEqualTo(s(Stdlib.goOs()));
    assertThat(constants.fields().get("arch")).isEqualTo(s(Stdlib.goArch()));
    assertThat(constants.fields().keySet())
        .containsExactlyInAnyOrder("hostname", "os", "arch", "version");
  }

  @Test
  void thisHostHasGoNames() {
    Stdlib real = Stdlib.forThisHost("");
    Value constants = real.identifiers().get("constants");
    assertThat(constants.fields().get("os").text()).isEqualTo("linux");
    assertThat(constants.fields().get("arch").text()).isIn("amd64", "arm64");
    assertThat(constants.fields().get("version")).isEqualTo(s("v0.0.0"));
  }

  @ParameterizedTest(name = "os.arch {0} is GOARCH {1}")
  @CsvSource({
    "amd64, amd64",
    "x86_64, amd64",
    "aarch64, arm64",
    "arm64, arm64",
    "x86, 386",
    "ppc64le, ppc64le"
  })
  void goArch(String javaArch, String goArch) {
    assertThat(Stdlib.goArch(javaArch)).isEqualTo(goArch);
  }

  @ParameterizedTest(name = "version ''{0}'' → {1}")
  @CsvSource({
    "'', v0.0.0",
    "'  ', v0.0.0",
    "1.2.3, v1.2.3",
    "v1.18.0, v1.18.0",
    "1.2, v1.2.0",
    "1, v1.0.0",
    "' 1.0.0-rc.1 ', v1.0.0-rc.1",
    "devel, devel"
  })
  void versionIsNormalised(String version, String expected) {
    assertThat(Stdlib.normalizeVersion(version)).isEqualTo(expected);
    assertThat(
            new Stdlib(n -> Optional.empty(), "", version)
                .identifiers()
                .get("constants")
                .fields()
                .get("version"))
        .isEqualTo(s(expected));
  }

  @Test
  void rootIdentifiersAreAlloys() {
    assertThat(STDLIB.identifiers().keySet())
        .containsExactlyInAnyOrder(
            "constants",
            "coalesce",
            "json_path",
            "sys",
            "convert",
            "array",
            "encoding",
            "string",
            "file",
            "env",
            "nonsensitive",
            "concat",
            "json_decode",
            "yaml_decode",
            "base64_decode",
            "format",
            "join",
            "replace",
            "split",
            "to_lower",
            "to_upper",
            "trim",
            "trim_prefix",
            "trim_suffix",
            "trim_space");
    assertThat(STDLIB.lookup("string")).isPresent();
    assertThat(STDLIB.lookup("regex")).isEmpty();
    assertThat(lookup("encoding").fields().keySet())
        .containsExactlyInAnyOrder(
            "from_json",
            "from_yaml",
            "from_base64",
            "from_URLbase64",
            "to_base64",
            "to_URLbase64",
            "to_json",
            "url_encode",
            "url_decode");
    assertThat(lookup("string").fields().keySet())
        .containsExactlyInAnyOrder(
            "format",
            "join",
            "replace",
            "split",
            "to_lower",
            "to_upper",
            "trim",
            "trim_prefix",
            "trim_suffix",
            "trim_space");
    assertThat(lookup("array").fields().keySet())
        .containsExactlyInAnyOrder("concat", "combine_maps", "group_by");
  }

  @ParameterizedTest(name = "{0} is deprecated in favour of {1}")
  @CsvSource({
    "env, sys.env",
    "nonsensitive, convert.nonsensitive",
    "concat, array.concat",
    "json_decode, encoding.from_json",
    "yaml_decode, encoding.from_yaml",
    "base64_decode, encoding.from_base64",
    "format, string.format",
    "join, string.join",
    "replace, string.replace",
    "split, string.split",
    "to_lower, string.to_lower",
    "to_upper, string.to_upper",
    "trim, string.trim",
    "trim_prefix, string.trim_prefix",
    "trim_suffix, string.trim_suffix",
    "trim_space, string.trim_space",
  })
  void deprecatedAliases(String alias, String replacement) {
    assertThat(Stdlib.isDeprecated(alias)).isTrue();
    assertThat(Stdlib.replacementFor(alias)).contains(replacement);
    assertThat(lookup(alias)).isSameAs(lookup(replacement));
  }

  @ParameterizedTest(name = "{0} is not deprecated")
  @ValueSource(strings = {"string", "coalesce", "json_path", "sys", "base64_encode", "constants"})
  void notDeprecated(String name) {
    assertThat(Stdlib.isDeprecated(name)).isFalse();
    assertThat(Stdlib.replacementFor(name)).isEmpty();
  }

  @ParameterizedTest(name = "{0} experimental = {1}")
  @CsvSource({
    "array.combine_maps, true",
    "array.group_by, true",
    "array.concat, false",
    "coalesce, false"
  })
  void experimental(String path, boolean experimental) {
    assertThat(Stdlib.isExperimental(path)).isEqualTo(experimental);
  }
}
