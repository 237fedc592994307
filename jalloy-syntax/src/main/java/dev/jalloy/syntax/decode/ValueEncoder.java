package dev.jalloy.syntax.decode;

import dev.jalloy.syntax.go.ByteSize;
import dev.jalloy.syntax.go.GoDuration;
import dev.jalloy.syntax.value.Value;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reverse of {@link BodyDecoder}: Java values back into Alloy values. Used for exports (which
 * enter the scope other components evaluate in) and for showing a component's arguments in the UI
 * and API. Records become objects keyed by their {@link Attr} and {@link Block} names; any class
 * the language has no type for (a receiver, say) becomes a capsule holding it.
 */
public final class ValueEncoder {
  private ValueEncoder() {}

  /** One Java value as an Alloy value. */
  public static Value encode(Object java) {
    return switch (java) {
      case null -> Value.NULL;
      case Value v -> v;
      case String s -> Value.string(s);
      case Boolean b -> Value.bool(b);
      case Integer i -> Value.number((long) i);
      case Long l -> Value.number(l);
      case Double d -> Value.number(d);
      case Duration d -> Value.string(GoDuration.format(d));
      case ByteSize b -> Value.string(ByteSize.format(b.bytes()));
      case Optional<?> o -> o.isPresent() ? encode(o.get()) : Value.NULL;
      case List<?> list -> {
        List<Value> out = new ArrayList<>(list.size());
        for (Object e : list) {
          out.add(encode(e));
        }
        yield Value.array(out);
      }
      case Map<?, ?> map -> {
        Map<String, Value> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), encode(v)));
        yield Value.object(out);
      }
      case Record r when isAnnotated(r) -> {
        Map<String, Value> out = new LinkedHashMap<>();
        for (BodyEntry e : body(r)) {
          switch (e) {
            case BodyEntry.Attribute a -> out.put(a.name(), a.value());
            case BodyEntry.Nested n -> out.put(n.name(), nestedAsValue(n));
          }
        }
        yield Value.object(out);
      }
      default -> Value.capsule(java.getClass().getSimpleName(), java);
    };
  }

  /**
   * A record as the block body it would be written as: attributes, then blocks, enum blocks in
   * their order. Members holding their zero value (empty, null, false) are left out, as Alloy's UI
   * leaves out unset attributes.
   */
  public static List<BodyEntry> body(Record record) {
    Schema schema = Schema.of(record.getClass());
    RecordComponent[] components = schema.components();
    List<BodyEntry> entries = new ArrayList<>();
    for (Schema.Member member : schema.members().values()) {
      Object value = read(components[member.index()], record);
      switch (member.kind()) {
        case ATTRIBUTE -> {
          if (!isZero(value)) {
            entries.add(new BodyEntry.Attribute(member.name(), encode(value)));
          }
        }
        case BLOCK -> {
          for (Object block : blocks(value)) {
            entries.add(nested(member.name(), (Record) block));
          }
        }
        case ENUM_BLOCK -> {
          // Every enum member shares one list; emit each element once, under its own name.
          if (member.enumMember() != null) {
            for (Object element : (List<?>) value) {
              if (member.enumMember().isInstance(element)) {
                entries.add(nested(member.name(), (Record) element));
              }
            }
          }
        }
      }
    }
    return entries; // a label, if any, is shown by the Nested entry that holds this body
  }

  private static BodyEntry.Nested nested(String name, Record block) {
    Schema schema = Schema.of(block.getClass());
    String label =
        schema.hasLabel() ? (String) read(schema.components()[schema.labelIndex()], block) : "";
    return new BodyEntry.Nested(name, label, body(block));
  }

  private static Value nestedAsValue(BodyEntry.Nested n) {
    Map<String, Value> out = new LinkedHashMap<>();
    for (BodyEntry e : n.body()) {
      switch (e) {
        case BodyEntry.Attribute a -> out.put(a.name(), a.value());
        case BodyEntry.Nested inner -> out.put(inner.name(), nestedAsValue(inner));
      }
    }
    return Value.object(out);
  }

  private static List<?> blocks(Object value) {
    return switch (value) {
      case null -> List.of();
      case List<?> list -> list;
      case Optional<?> o -> o.map(List::of).orElse(List.of());
      default -> List.of(value);
    };
  }

  private static boolean isAnnotated(Record r) {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      if (c.isAnnotationPresent(Attr.class)
          || c.isAnnotationPresent(Block.class)
          || c.isAnnotationPresent(EnumBlock.class)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isZero(Object value) {
    return switch (value) {
      case null -> true;
      case Optional<?> o -> o.isEmpty();
      case List<?> l -> l.isEmpty();
      case Map<?, ?> m -> m.isEmpty();
      default -> false;
    };
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      var accessor = component.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("reading " + component, e);
    }
  }
}
