package dev.jalloy.syntax.value;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Alloy value. Values are immutable; objects keep the insertion order of their keys (Alloy
 * itself treats order as insignificant, but a stable order makes output reproducible).
 *
 * <p>Numbers keep Alloy's three internal kinds ({@link Int int64}, {@link Uint uint64} held in a
 * {@code long} and read unsigned, {@link Float float64}) because the kind decides integer versus
 * float arithmetic ({@code 7 / 2 == 3}). The two secret types are capsules, as in Alloy: their
 * {@link #type()} is {@link ValueType#CAPSULE} and their {@code toString()} never reveals them.
 *
 * <p>Java {@code equals} is structural and kind-sensitive ({@code Int(3)} differs from {@code
 * Float(3.0)}); Alloy's {@code ==} is {@link Operators#equal}.
 */
public sealed interface Value
    permits Value.Null,
        Value.Number,
        Value.Str,
        Value.Bool,
        Value.Array,
        Value.Obj,
        Value.Func,
        Value.Capsule,
        Value.Secret,
        Value.OptionalSecret {

  /** The null value. */
  Value NULL = Null.INSTANCE;

  /** The boolean {@code true}. */
  Bool TRUE = new Bool(true);

  /** The boolean {@code false}. */
  Bool FALSE = new Bool(false);

  /** The empty array. */
  Array EMPTY_ARRAY = new Array(List.of());

  /** The empty object. */
  Obj EMPTY_OBJECT = new Obj(Map.of());

  /** The Alloy type of this value. */
  ValueType type();

  /**
   * The type as Alloy describes it in conversion errors: the type name, or {@code
   * capsule("go.Type")} for capsules.
   */
  default String describe() {
    return type().alloyName();
  }

  /** The text of a string value; any other value is a type error ({@code expected string}). */
  default String text() {
    throw ValueError.typeError(this, ValueType.STRING);
  }

  /** The boolean of a bool value; any other value is a type error. */
  default boolean asBool() {
    throw ValueError.typeError(this, ValueType.BOOL);
  }

  /** This value as a number; any other value is a type error. */
  default Number asNumber() {
    throw ValueError.typeError(this, ValueType.NUMBER);
  }

  /** The elements of an array value; any other value is a type error. */
  default List<Value> elements() {
    throw ValueError.typeError(this, ValueType.ARRAY);
  }

  /** The fields of an object value, in insertion order; any other value is a type error. */
  default Map<String, Value> fields() {
    throw ValueError.typeError(this, ValueType.OBJECT);
  }

  // ---- factories -------------------------------------------------------------------------

  /** A string value. */
  static Str string(String s) {
    return new Str(s);
  }

  /** An int64 number. */
  static Int number(long v) {
    return new Int(v);
  }

  /** A uint64 number; {@code bits} is read as unsigned. */
  static Uint uint(long bits) {
    return new Uint(bits);
  }

  /** A float64 number. */
  static Float number(double v) {
    return new Float(v);
  }

  /** A bool value. */
  static Bool bool(boolean b) {
    return b ? TRUE : FALSE;
  }

  /** An array of the given elements. */
  static Array array(Value... elements) {
    return elements.length == 0 ? EMPTY_ARRAY : new Array(List.of(elements));
  }

  /** An array of the given elements (copied unless already an immutable list). */
  static Array array(List<? extends Value> elements) {
    return elements.isEmpty() ? EMPTY_ARRAY : new Array(List.copyOf(elements));
  }

  /** An object with the given fields, keeping the map's iteration order. */
  static Obj object(Map<String, ? extends Value> fields) {
    return fields.isEmpty() ? EMPTY_OBJECT : new Obj(OrderedMap.copyOf(fields));
  }

  /** A builder for an object value that keeps insertion order and does not copy on build. */
  static ObjectBuilder objectBuilder() {
    return new ObjectBuilder();
  }

  /** A secret (always redacted) string. */
  static Secret secret(String s) {
    return new Secret(s);
  }

  /** A string that is a secret only when {@code isSecret}. */
  static OptionalSecret optionalSecret(String s, boolean isSecret) {
    return new OptionalSecret(s, isSecret);
  }

  /** A function value; {@code name} is used in messages only. */
  static Func function(String name, AlloyFunction function) {
    return new Func(name, function);
  }

  /** An opaque value of a component-defined type such as a receiver. */
  static Capsule capsule(String typeName, Object payload) {
    return new Capsule(typeName, payload);
  }

  // ---- the values --------------------------------------------------------------------------

  /** The null value; {@link #NULL} is its only instance. */
  enum Null implements Value {
    /** The one null. */
    INSTANCE;

    @Override
    public ValueType type() {
      return ValueType.NULL;
    }

    @Override
    public String toString() {
      return "null";
    }
  }

  /** A number of one of the three kinds. */
  sealed interface Number extends Value permits Int, Uint, Float {
    /** The internal kind. */
    NumberKind kind();

    /** The value as int64, converting like Go's {@code int64(x)} (uint64 bits reinterpreted). */
    long int64();

    /** The value as uint64 bits, converting like Go's {@code uint64(x)}. */
    long uint64();

    /** The value as float64 (uint64 read unsigned). */
    double float64();

    @Override
    default ValueType type() {
      return ValueType.NUMBER;
    }

    @Override
    default Number asNumber() {
      return this;
    }
  }

  /**
   * An int64 number.
   *
   * @param value the number
   */
  record Int(long value) implements Number {
    @Override
    public NumberKind kind() {
      return NumberKind.INT;
    }

    @Override
    public long int64() {
      return value;
    }

    @Override
    public long uint64() {
      return value;
    }

    @Override
    public double float64() {
      return value;
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /**
   * A uint64 number.
   *
   * @param value the number's bits, read unsigned
   */
  record Uint(long value) implements Number {
    @Override
    public NumberKind kind() {
      return NumberKind.UINT;
    }

    @Override
    public long int64() {
      return value;
    }

    @Override
    public long uint64() {
      return value;
    }

    @Override
    public double float64() {
      return Numbers.unsignedToDouble(value);
    }

    @Override
    public String toString() {
      return Long.toUnsignedString(value);
    }
  }

  /**
   * A float64 number.
   *
   * @param value the number
   */
  record Float(double value) implements Number {
    @Override
    public NumberKind kind() {
      return NumberKind.FLOAT;
    }

    @Override
    public long int64() {
      return (long) value;
    }

    @Override
    public long uint64() {
      return Numbers.doubleToUnsigned(value);
    }

    @Override
    public double float64() {
      return value;
    }

    @Override
    public String toString() {
      return Numbers.format(this);
    }
  }

  /**
   * A string.
   *
   * @param text the text
   */
  record Str(String text) implements Value {
    /** Rejects null text. */
    public Str {
      if (text == null) {
        throw new NullPointerException("text");
      }
    }

    @Override
    public ValueType type() {
      return ValueType.STRING;
    }

    @Override
    public String toString() {
      return Render.render(this);
    }
  }

  /**
   * A bool.
   *
   * @param value the truth value
   */
  record Bool(boolean value) implements Value {
    @Override
    public ValueType type() {
      return ValueType.BOOL;
    }

    @Override
    public boolean asBool() {
      return value;
    }

    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /**
   * An array.
   *
   * @param elements the immutable elements
   */
  record Array(List<Value> elements) implements Value {
    /** Copies the elements unless they already are an immutable list. */
    public Array {
      elements = List.copyOf(elements);
    }

    @Override
    public ValueType type() {
      return ValueType.ARRAY;
    }

    /** Element {@code i}. */
    public Value get(int i) {
      return elements.get(i);
    }

    /** The number of elements. */
    public int size() {
      return elements.size();
    }

    @Override
    public String toString() {
      return Render.render(this);
    }
  }

  /**
   * An object (string-keyed, insertion-ordered).
   *
   * @param fields the immutable fields
   */
  record Obj(Map<String, Value> fields) implements Value {
    /** Copies the fields unless they already are one of our immutable ordered maps. */
    public Obj {
      fields = OrderedMap.copyOf(fields);
    }

    @Override
    public ValueType type() {
      return ValueType.OBJECT;
    }

    /** The value of field {@code key}, if present. */
    public Optional<Value> field(String key) {
      return Optional.ofNullable(fields.get(key));
    }

    @Override
    public String toString() {
      return Render.render(this);
    }
  }

  /**
   * A function.
   *
   * @param name the name used in messages, e.g. {@code string.format}
   * @param function the implementation
   */
  record Func(String name, AlloyFunction function) implements Value {
    @Override
    public ValueType type() {
      return ValueType.FUNCTION;
    }

    /** Calls the function with already evaluated arguments. */
    public Value call(List<Value> args) {
      return function.call(args);
    }

    /** Calls the function with already evaluated arguments. */
    public Value call(Value... args) {
      return function.call(Arrays.asList(args));
    }

    @Override
    public String toString() {
      return "function(" + name + ")";
    }
  }

  /**
   * An opaque value (receivers, targets, relabel rules…). Two capsules are equal when their
   * payloads are.
   *
   * @param typeName the Go-style type name shown in messages, e.g. {@code loki.LogsReceiver}
   * @param payload the Java object
   */
  record Capsule(String typeName, Object payload) implements Value {
    @Override
    public ValueType type() {
      return ValueType.CAPSULE;
    }

    @Override
    public String describe() {
      return "capsule(\"" + typeName + "\")";
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /**
   * A secret string: converts from strings, never back (except through {@code
   * convert.nonsensitive}), and is printed as {@code (secret)}.
   *
   * @param value the sensitive text
   */
  record Secret(String value) implements Value {
    /** Rejects null text. */
    public Secret {
      if (value == null) {
        throw new NullPointerException("value");
      }
    }

    @Override
    public ValueType type() {
      return ValueType.CAPSULE;
    }

    @Override
    public String describe() {
      return "capsule(\"alloytypes.Secret\")";
    }

    @Override
    public String toString() {
      return "(secret)";
    }
  }

  /**
   * A string that may be secret ({@code local.file}'s {@code content} with {@code is_secret}): it
   * behaves as a plain string unless {@code isSecret}.
   *
   * @param value the text
   * @param isSecret whether the text is sensitive
   */
  record OptionalSecret(String value, boolean isSecret) implements Value {
    /** Rejects null text. */
    public OptionalSecret {
      if (value == null) {
        throw new NullPointerException("value");
      }
    }

    @Override
    public ValueType type() {
      return ValueType.CAPSULE;
    }

    @Override
    public String describe() {
      return "capsule(\"alloytypes.OptionalSecret\")";
    }

    @Override
    public String toString() {
      return isSecret ? "(secret)" : Render.render(new Str(value));
    }
  }

  /** Builds an {@link Obj} in insertion order without copying the finished map. */
  final class ObjectBuilder {
    private LinkedHashMap<String, Value> map = new LinkedHashMap<>();

    ObjectBuilder() {}

    /** Sets field {@code key}, replacing an earlier value but keeping its position. */
    public ObjectBuilder put(String key, Value value) {
      if (map == null) {
        throw new IllegalStateException("object already built");
      }
      map.put(key, value);
      return this;
    }

    /** The object; the builder cannot be used afterwards. */
    public Obj build() {
      Map<String, Value> m = map;
      map = null;
      return m.isEmpty() ? EMPTY_OBJECT : new Obj(OrderedMap.wrap(m));
    }
  }
}
