package dev.jalloy.syntax.decode;

import dev.jalloy.syntax.ast.AttributeStmt;
import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.ast.Stmt;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.diag.Diagnostics;
import dev.jalloy.syntax.go.ByteSize;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.value.Conversions;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.syntax.value.ValueError;
import dev.jalloy.syntax.value.ValueType;
import dev.jalloy.syntax.vm.EvaluationException;
import dev.jalloy.syntax.vm.Evaluator;
import dev.jalloy.syntax.vm.Scope;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes a block body into an argument record: starts from the record's {@code defaults()},
 * evaluates each attribute in the scope and converts it to the member's Java type, decodes nested
 * blocks recursively, then checks required members and {@link Validated#validate()}. Unlike Alloy,
 * it does not stop at the first problem: every problem of the body is reported.
 *
 * <p>Java types an attribute may have: {@code String}, {@code boolean}, {@code int}, {@code long},
 * {@code double} (and their boxes), {@link Duration} (Go duration syntax), {@link ByteSize}, {@link
 * Value} (unconverted) and its secret types {@link Value.Secret} and {@link Value.OptionalSecret},
 * {@code Optional<T>} (empty when null or left out), {@code List<T>}, {@code Map<String, T>},
 * nested records (from objects, by their {@link Attr} names), and any other class, which must
 * arrive as a capsule holding an instance of it (receivers, for example).
 */
public final class BodyDecoder {
  private final Evaluator evaluator;

  public BodyDecoder(Evaluator evaluator) {
    this.evaluator = evaluator;
  }

  public SourceFile source() {
    return evaluator.source();
  }

  /**
   * Decodes a component's arguments: the block's body into {@code type}. The block's label names
   * the component, so it is not part of the arguments; missing members are reported at the block's
   * name.
   */
  public <R> Decoded<R> decodeArguments(BlockStmt block, Class<R> type, Scope scope) {
    return decodeBody(block.body(), block.namePos(), block.lcurlyPos(), type, scope);
  }

  /** Decodes a nested block, its label included, into {@code type}. */
  public <R> Decoded<R> decode(BlockStmt block, Class<R> type, Scope scope) {
    Diagnostics diags = new Diagnostics();
    Object value = decodeBlock(block, type, scope, diags);
    return result(type, value, diags);
  }

  /**
   * Decodes statements that belong to no block (a whole file, or a component's body without its
   * label) into {@code type}; missing members are reported at {@code ownerStart..ownerEnd}.
   */
  public <R> Decoded<R> decodeBody(
      List<Stmt> body, int ownerStart, int ownerEnd, Class<R> type, Scope scope) {
    Diagnostics diags = new Diagnostics();
    Object value = decodeStatements(body, ownerStart, ownerEnd, "", Schema.of(type), scope, diags);
    return result(type, value, diags);
  }

  private static <R> Decoded<R> result(Class<R> type, Object value, Diagnostics diags) {
    if (diags.hasErrors() || value == null) {
      return new Decoded<>(Optional.empty(), diags);
    }
    return new Decoded<>(Optional.of(type.cast(value)), diags);
  }

  private Object decodeBlock(BlockStmt block, Class<?> type, Scope scope, Diagnostics diags) {
    Schema schema = Schema.of(type);
    String name = block.fullName();
    int nameEnd = block.lcurlyPos();
    boolean hasLabel = !block.label().isEmpty();
    if (schema.hasLabel() && !hasLabel) {
      diags.add(span(block.namePos(), nameEnd, "block \"" + name + "\" requires non-empty label"));
      return null;
    }
    if (!schema.hasLabel() && hasLabel) {
      diags.add(
          span(
              block.namePos(),
              nameEnd,
              "block \"" + name + "\" does not support specifying labels"));
      return null;
    }
    return decodeStatements(
        block.body(), block.namePos(), nameEnd, block.label(), schema, scope, diags);
  }

  /** Decodes a body into the record described by {@code schema}; null when anything failed. */
  private Object decodeStatements(
      List<Stmt> body,
      int ownerStart,
      int ownerEnd,
      String label,
      Schema schema,
      Scope scope,
      Diagnostics diags) {
    int errorsBefore = diags.size();
    Object[] values = initialValues(schema);
    if (schema.hasLabel()) {
      values[schema.labelIndex()] = label;
    }
    Set<String> seenAttributes = new HashSet<>();
    Set<String> seenBlocks = new HashSet<>();
    Map<Integer, List<Object>> repeated = new HashMap<>(); // component index -> decoded blocks

    for (Stmt stmt : body) {
      switch (stmt) {
        case AttributeStmt attr ->
            decodeAttribute(attr, schema, values, seenAttributes, scope, diags);
        case BlockStmt block ->
            decodeNestedBlock(block, schema, values, seenBlocks, repeated, scope, diags);
      }
    }
    // A block that failed to decode left a null behind; its errors are reported already.
    repeated.forEach(
        (index, list) -> values[index] = list.stream().filter(o -> o != null).toList());

    for (Schema.Member member : schema.members().values()) {
      boolean attribute = member.kind() == Schema.Kind.ATTRIBUTE;
      if (member.optional() || (attribute ? seenAttributes : seenBlocks).contains(member.name())) {
        continue;
      }
      String kind = attribute ? "attribute" : "block";
      diags.add(
          span(ownerStart, ownerEnd, "missing required " + kind + " \"" + member.name() + "\""));
    }
    if (diags.size() > errorsBefore) {
      return null;
    }
    Object record = construct(schema, values, ownerStart, ownerEnd, diags);
    if (record instanceof Validated validated) {
      try {
        validated.validate();
      } catch (IllegalArgumentException e) {
        diags.add(span(ownerStart, ownerEnd, e.getMessage()));
        return null;
      }
    }
    return record;
  }

  private void decodeAttribute(
      AttributeStmt attr,
      Schema schema,
      Object[] values,
      Set<String> seen,
      Scope scope,
      Diagnostics diags) {
    String name = attr.name().name();
    if (!seen.add(name)) {
      diags.add(
          span(attr.start(), attr.end(), "attribute \"" + name + "\" may only be provided once"));
      return;
    }
    Optional<Schema.Member> member = schema.member(name);
    if (member.isEmpty()) {
      diags.add(span(attr.start(), attr.end(), "unrecognized attribute name \"" + name + "\""));
      return;
    }
    if (member.get().kind() != Schema.Kind.ATTRIBUTE) {
      diags.add(
          span(
              attr.start(),
              attr.end(),
              "\"" + name + "\" must be a block, but is used as an attribute"));
      return;
    }
    Value value;
    try {
      value = evaluator.evaluate(attr.value(), scope);
    } catch (EvaluationException e) {
      diags.add(e.diagnostic());
      return;
    }
    try {
      values[member.get().index()] = convert(value, member.get().type());
    } catch (ValueError e) {
      diags.add(evaluator.describe(e, attr.value()));
    }
  }

  private void decodeNestedBlock(
      BlockStmt block,
      Schema schema,
      Object[] values,
      Set<String> seen,
      Map<Integer, List<Object>> repeated,
      Scope scope,
      Diagnostics diags) {
    String name = block.fullName();
    Optional<Schema.Member> found = schema.member(name);
    if (found.isEmpty()) {
      diags.add(span(block.start(), block.end() - 1, "unrecognized block name \"" + name + "\""));
      return;
    }
    Schema.Member member = found.get();
    if (member.kind() == Schema.Kind.ATTRIBUTE) {
      diags.add(
          span(
              block.start(),
              block.end() - 1,
              "\"" + name + "\" must be an attribute, but is used as a block"));
      return;
    }
    boolean firstOfName = seen.add(name);
    if (member.kind() == Schema.Kind.ENUM_BLOCK) {
      Object decoded = decodeBlock(block, member.enumMember(), scope, diags);
      repeated.computeIfAbsent(member.index(), k -> new ArrayList<>()).add(decoded);
      return;
    }
    Class<?> raw = Schema.rawType(member.type());
    if (raw == List.class) {
      Object decoded = decodeBlock(block, elementClass(member.type()), scope, diags);
      repeated.computeIfAbsent(member.index(), k -> new ArrayList<>()).add(decoded);
      return;
    }
    if (!firstOfName) {
      diags.add(
          span(
              block.start(), block.end() - 1, "block \"" + name + "\" may only be specified once"));
      return;
    }
    Class<?> target = raw == Optional.class ? elementClass(member.type()) : raw;
    Object decoded = decodeBlock(block, target, scope, diags);
    values[member.index()] = raw == Optional.class ? Optional.ofNullable(decoded) : decoded;
  }

  /** The record's defaults, or each component's zero value when it declares none. */
  private static Object[] initialValues(Schema schema) {
    RecordComponent[] components = schema.components();
    Object[] values = new Object[components.length];
    Optional<Object> defaults = schema.defaults();
    for (int i = 0; i < components.length; i++) {
      if (defaults.isPresent()) {
        try {
          var accessor = components[i].getAccessor();
          accessor.setAccessible(true); // argument records may be package-private
          values[i] = accessor.invoke(defaults.get());
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      } else {
        values[i] = zero(components[i].getGenericType());
      }
    }
    return values;
  }

  private Object construct(
      Schema schema, Object[] values, int ownerStart, int ownerEnd, Diagnostics diags) {
    try {
      return instantiate(schema, values);
    } catch (IllegalArgumentException e) {
      // a compact constructor rejecting the combination: that is the user's to fix
      diags.add(span(ownerStart, ownerEnd, e.getMessage()));
      return null;
    }
  }

  /**
   * Calls the record's canonical constructor, filling members still unset with their zero value. An
   * {@link IllegalArgumentException} from the constructor is passed on: it is a verdict on the
   * configuration, not a fault.
   */
  private static Object instantiate(Schema schema, Object[] values) {
    RecordComponent[] components = schema.components();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      if (values[i] == null) {
        values[i] = zero(components[i].getGenericType());
      }
    }
    try {
      Constructor<?> ctor = schema.recordClass().getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalStateException("constructing " + schema.recordClass(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("constructing " + schema.recordClass(), e);
    }
  }

  /** Converts a value to a Java type; {@link ValueError}s carry the path to the culprit. */
  static Object convert(Value value, Type type) {
    Class<?> raw = Schema.rawType(type);
    if (raw == Optional.class) {
      return value instanceof Value.Null
          ? Optional.empty()
          : Optional.of(convert(value, elementType(type, 0)));
    }
    if (value instanceof Value.Null && raw != Value.class) {
      return zero(type);
    }
    if (value instanceof Value.Capsule capsule && raw.isInstance(capsule.payload())) {
      return capsule.payload();
    }
    if (raw == String.class) {
      return Conversions.asString(value);
    } else if (raw == boolean.class || raw == Boolean.class) {
      return Conversions.asBool(value);
    } else if (raw == long.class || raw == Long.class) {
      return Conversions.asLong(value);
    } else if (raw == int.class || raw == Integer.class) {
      long v = Conversions.asLong(value);
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw ValueError.of(value, "number " + v + " does not fit in a 32-bit integer");
      }
      return (int) v;
    } else if (raw == double.class || raw == Double.class) {
      return Conversions.asDouble(value);
    } else if (raw == Duration.class) {
      return Conversions.asDuration(value);
    } else if (raw == ByteSize.class) {
      return Conversions.asByteSize(value);
    } else if (raw == Value.class) {
      return value;
    } else if (raw == Value.Secret.class) {
      return Conversions.asSecret(value);
    } else if (raw == Value.OptionalSecret.class) {
      return Conversions.asOptionalSecret(value);
    } else if (raw == List.class) {
      List<Value> elements = Conversions.asArray(value);
      Type elementType = elementType(type, 0);
      List<Object> out = new ArrayList<>(elements.size());
      for (int i = 0; i < elements.size(); i++) {
        try {
          out.add(convert(elements.get(i), elementType));
        } catch (ValueError e) {
          throw e.atElement(i);
        }
      }
      return List.copyOf(out);
    } else if (raw == Map.class) {
      Map<String, Value> fields = Conversions.asObject(value);
      Type valueType = elementType(type, 1);
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Value> f : fields.entrySet()) {
        try {
          out.put(f.getKey(), convert(f.getValue(), valueType));
        } catch (ValueError e) {
          throw e.atField(f.getKey());
        }
      }
      return java.util.Collections.unmodifiableMap(out);
    } else if (raw.isRecord()) {
      return convertObject(value, raw);
    }
    throw ValueError.typeError(value, ValueType.CAPSULE);
  }

  /** An object value into a record by its {@link Attr} names (objects carry no blocks). */
  private static Object convertObject(Value value, Class<?> recordClass) {
    Map<String, Value> fields = Conversions.asObject(value);
    Schema schema = Schema.of(recordClass);
    Object[] values = initialValues(schema);
    for (Map.Entry<String, Value> f : fields.entrySet()) {
      Schema.Member member =
          schema
              .member(f.getKey())
              .orElseThrow(
                  () -> ValueError.of(value, "unrecognized attribute name \"" + f.getKey() + "\""));
      try {
        values[member.index()] = convert(f.getValue(), member.type());
      } catch (ValueError e) {
        throw e.atField(f.getKey());
      }
    }
    for (Schema.Member member : schema.members().values()) {
      if (!member.optional() && !fields.containsKey(member.name())) {
        throw ValueError.of(value, "missing required attribute \"" + member.name() + "\"");
      }
    }
    try {
      return instantiate(schema, values);
    } catch (IllegalArgumentException e) {
      throw ValueError.of(value, e.getMessage());
    }
  }

  /** Go's zero value for a Java type: what an explicit {@code null} or an omitted member gives. */
  static Object zero(Type type) {
    Class<?> raw = Schema.rawType(type);
    if (raw == String.class) {
      return "";
    } else if (raw == boolean.class || raw == Boolean.class) {
      return false;
    } else if (raw == long.class || raw == Long.class) {
      return 0L;
    } else if (raw == int.class || raw == Integer.class) {
      return 0;
    } else if (raw == double.class || raw == Double.class) {
      return 0.0;
    } else if (raw == Duration.class) {
      return Duration.ZERO;
    } else if (raw == ByteSize.class) {
      return new ByteSize(0);
    } else if (raw == Value.class) {
      return Value.NULL;
    } else if (raw == Optional.class) {
      return Optional.empty();
    } else if (raw == List.class) {
      return List.of();
    } else if (raw == Map.class) {
      return Map.of();
    } else if (raw == Value.Secret.class) {
      return Value.secret("");
    } else if (raw == Value.OptionalSecret.class) {
      return Value.optionalSecret("", false);
    }
    return null; // records and capsule types have no zero; required members cannot be absent
  }

  private static Type elementType(Type type, int index) {
    if (type instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[index];
    }
    throw new IllegalArgumentException("raw generic type " + type + " in an argument record");
  }

  private static Class<?> elementClass(Type type) {
    return Schema.rawType(elementType(type, 0));
  }

  private Diagnostic span(int start, int endInclusive, String message) {
    SourceFile s = evaluator.source();
    return Diagnostic.error(s.position(start), s.position(Math.max(start, endInclusive)), message);
  }
}
