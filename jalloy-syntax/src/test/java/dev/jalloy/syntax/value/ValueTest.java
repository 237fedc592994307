package dev.jalloy.syntax.value;

import static dev.jalloy.syntax.value.V.arr;
import static dev.jalloy.syntax.value.V.f;
import static dev.jalloy.syntax.value.V.i;
import static dev.jalloy.syntax.value.V.obj;
import static dev.jalloy.syntax.value.V.opt;
import static dev.jalloy.syntax.value.V.s;
import static dev.jalloy.syntax.value.V.sec;
import static dev.jalloy.syntax.value.V.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValueTest {

  static Stream<Arguments> types() {
    return Stream.of(
        Arguments.of(Value.NULL, ValueType.NULL, "null"),
        Arguments.of(i(1), ValueType.NUMBER, "number"),
        Arguments.of(u(1), ValueType.NUMBER, "number"),
        Arguments.of(f(1), ValueType.NUMBER, "number"),
        Arguments.of(s("x"), ValueType.STRING, "string"),
        Arguments.of(Value.TRUE, ValueType.BOOL, "bool"),
        Arguments.of(arr(), ValueType.ARRAY, "array"),
        Arguments.of(obj(), ValueType.OBJECT, "object"),
        Arguments.of(Value.function("f", a -> Value.NULL), ValueType.FUNCTION, "function"),
        Arguments.of(
            Value.capsule("loki.LogsReceiver", new Object()),
            ValueType.CAPSULE,
            "capsule(\"loki.LogsReceiver\")"),
        Arguments.of(sec("x"), ValueType.CAPSULE, "capsule(\"alloytypes.Secret\")"),
        Arguments.of(opt("x", false), ValueType.CAPSULE, "capsule(\"alloytypes.OptionalSecret\")"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("types")
  void typeAndDescription(Value v, ValueType type, String description) {
    assertThat(v.type()).isEqualTo(type);
    assertThat(v.describe()).isEqualTo(description);
  }

  @Test
  void secretsNeverLeakThroughToString() {
    assertThat(sec("hunter2").toString()).isEqualTo("(secret)");
    assertThat(opt("hunter2", true).toString()).isEqualTo("(secret)");
    assertThat(opt("public", false).toString()).isEqualTo("\"public\"");
    assertThat(arr(sec("hunter2")).toString()).isEqualTo("[(secret)]");
    assertThat(obj("password", sec("hunter2")).toString()).doesNotContain("hunter2");
  }

  @Test
  void toStringRendersAlloySyntax() {
    assertThat(obj("a", i(1), "b-c", arr(s("x\n"), Value.NULL, Value.TRUE)).toString())
        .isEqualTo("{ a = 1, \"b-c\" = [\"x\\n\", null, true] }");
    assertThat(obj().toString()).isEqualTo("{}");
  }

  @Test
  void objectsKeepInsertionOrderAndAreImmutable() {
    Map<String, Value> source = new LinkedHashMap<>();
    source.put("z", i(1));
    source.put("a", i(2));
    source.put("m", i(3));
    Value.Obj o = Value.object(source);
    source.put("late", i(4));
    assertThat(o.fields().keySet()).containsExactly("z", "a", "m");
    assertThatThrownBy(() -> o.fields().put("x", i(1)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> o.fields().entrySet().iterator().next().setValue(i(9)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(o.field("a")).contains(i(2));
    assertThat(o.field("missing")).isEmpty();
  }

  @Test
  void objectBuilderKeepsOrderAndReplacesInPlace() {
    Value.Obj o = Value.objectBuilder().put("b", i(1)).put("a", i(2)).put("b", i(3)).build();
    assertThat(o.fields().keySet()).containsExactly("b", "a");
    assertThat(o.fields().get("b")).isEqualTo(i(3));
    assertThat(o).isEqualTo(obj("a", i(2), "b", i(3)));
  }

  @Test
  void arraysAreImmutableCopies() {
    List<Value> source = new ArrayList<>(List.of(i(1)));
    Value.Array a = Value.array(source);
    source.add(i(2));
    assertThat(a.elements()).containsExactly(i(1));
    assertThat(a.size()).isEqualTo(1);
    assertThat(a.get(0)).isEqualTo(i(1));
    assertThatThrownBy(() -> a.elements().add(i(3)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void javaEqualityIsKindSensitiveUnlikeAlloyEquality() {
    assertThat(i(3)).isNotEqualTo(f(3));
    assertThat(i(3)).isNotEqualTo(u(3));
    assertThat(Operators.equal(i(3), f(3))).isTrue();
  }

  @Test
  void accessorsRaiseTypeErrors() {
    assertThat(s("x").text()).isEqualTo("x");
    assertThat(Value.TRUE.asBool()).isTrue();
    assertThat(i(2).asNumber()).isEqualTo(i(2));
    assertThatThrownBy(() -> i(1).text()).hasMessage("expected string, got number");
    assertThatThrownBy(() -> s("1").asNumber()).hasMessage("expected number, got string");
    assertThatThrownBy(() -> sec("x").text()).hasMessage("expected string, got capsule");
    assertThatThrownBy(() -> Value.NULL.elements()).hasMessage("expected array, got null");
    assertThatThrownBy(() -> arr().fields()).hasMessage("expected object, got array");
    assertThatThrownBy(() -> obj().asBool()).hasMessage("expected bool, got object");
  }

  @Test
  void numberKindsConvertLikeGo() {
    assertThat(u(-1L).float64()).isEqualTo(18446744073709551615.0);
    assertThat(u(-1L).int64()).isEqualTo(-1L);
    assertThat(f(-1.5).int64()).isEqualTo(-1L);
    assertThat(f(1e19).uint64()).isEqualTo(Long.parseUnsignedLong("10000000000000000000"));
    assertThat(NumberKind.widest(NumberKind.UINT, NumberKind.INT)).isEqualTo(NumberKind.INT);
    assertThat(NumberKind.widest(NumberKind.FLOAT, NumberKind.INT)).isEqualTo(NumberKind.FLOAT);
  }

  @Test
  void errorPathsAreBuiltOutsideIn() {
    ValueError e =
        ValueError.typeError(s("x"), ValueType.NUMBER).atField("port").atElement(2).atArgument(0);
    assertThat(e.path())
        .containsExactly(
            new ValueError.Argument(0), new ValueError.Element(2), new ValueError.Field("port"));
    assertThat(e).hasMessage("expected number, got string");
    assertThat(e.expected()).contains(ValueType.NUMBER);
  }
}
