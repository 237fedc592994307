package dev.jalloy.syntax.decode;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a block body may contain, read once per record class from its annotations: attributes,
 * blocks, enum blocks and the label. Used by the decoder, and on its own by {@code validate} to
 * check names without evaluating anything.
 *
 * <p>A record class may declare {@code static R defaults()}; its result supplies the value of every
 * member a configuration leaves out.
 */
public final class Schema {
  /** How a member appears in the configuration. */
  public enum Kind {
    ATTRIBUTE,
    BLOCK,
    ENUM_BLOCK
  }

  /**
   * One member of a body.
   *
   * @param name the Alloy name (for enum members: the full dotted name, e.g. {@code stage.json})
   * @param kind attribute, block or enum block
   * @param optional whether it may be left out
   * @param index the record component it fills
   * @param type the record component's generic type
   * @param enumMember for enum blocks, the record the named block decodes into
   */
  public record Member(
      String name, Kind kind, boolean optional, int index, Type type, Class<?> enumMember) {
    public boolean repeated() {
      return kind == Kind.ENUM_BLOCK || rawType(type) == List.class;
    }
  }

  private static final Map<Class<?>, Schema> CACHE = new ConcurrentHashMap<>();

  private final Class<?> recordClass;
  private final RecordComponent[] components;
  private final Map<String, Member> members; // by Alloy name, declaration order
  private final int labelIndex;
  private final Method defaults;

  private Schema(Class<?> recordClass) {
    if (!recordClass.isRecord()) {
      throw new IllegalArgumentException(recordClass + " is not a record");
    }
    this.recordClass = recordClass;
    this.components = recordClass.getRecordComponents();
    Map<String, Member> byName = new LinkedHashMap<>();
    int label = -1;
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      Attr attr = c.getAnnotation(Attr.class);
      Block block = c.getAnnotation(Block.class);
      EnumBlock enumBlock = c.getAnnotation(EnumBlock.class);
      if (c.isAnnotationPresent(Label.class)) {
        if (c.getType() != String.class) {
          throw new IllegalArgumentException(recordClass + ": @Label must be a String");
        }
        label = i;
      } else if (attr != null) {
        put(
            byName,
            new Member(attr.value(), Kind.ATTRIBUTE, attr.optional(), i, c.getGenericType(), null));
      } else if (block != null) {
        put(
            byName,
            new Member(
                block.value(),
                Kind.BLOCK,
                block.optional() || c.getType() == Optional.class,
                i,
                c.getGenericType(),
                null));
      } else if (enumBlock != null) {
        for (Class<?> member : enumMembers(c)) {
          BlockName name = member.getAnnotation(BlockName.class);
          if (name == null) {
            throw new IllegalArgumentException(member + " lacks @BlockName");
          }
          put(
              byName,
              new Member(
                  enumBlock.value() + "." + name.value(),
                  Kind.ENUM_BLOCK,
                  true,
                  i,
                  c.getGenericType(),
                  member));
        }
      } else {
        throw new IllegalArgumentException(
            recordClass.getName()
                + "."
                + c.getName()
                + " has no @Attr, @Block, @EnumBlock or @Label");
      }
    }
    this.members = Collections.unmodifiableMap(byName);
    this.labelIndex = label;
    this.defaults = findDefaults(recordClass);
  }

  /** The schema of a record class, computed once. */
  public static Schema of(Class<?> recordClass) {
    return CACHE.computeIfAbsent(recordClass, Schema::new);
  }

  public Class<?> recordClass() {
    return recordClass;
  }

  /** Members by Alloy name, in declaration order. */
  public Map<String, Member> members() {
    return members;
  }

  public Optional<Member> member(String name) {
    return Optional.ofNullable(members.get(name));
  }

  /** Whether the block takes a label. */
  public boolean hasLabel() {
    return labelIndex >= 0;
  }

  int labelIndex() {
    return labelIndex;
  }

  RecordComponent[] components() {
    return components.clone();
  }

  int componentCount() {
    return components.length;
  }

  /** The record built by {@code defaults()}, if the class declares one. */
  Optional<Object> defaults() {
    if (defaults == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(defaults.invoke(null));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(recordClass + ".defaults() failed", e);
    }
  }

  private static void put(Map<String, Member> byName, Member member) {
    if (byName.putIfAbsent(member.name(), member) != null) {
      throw new IllegalArgumentException("duplicate Alloy name " + member.name());
    }
  }

  private static List<Class<?>> enumMembers(RecordComponent c) {
    if (c.getType() != List.class) {
      throw new IllegalArgumentException(c + ": @EnumBlock must be a List of a sealed interface");
    }
    Class<?> element =
        rawType(((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0]);
    if (!element.isSealed()) {
      throw new IllegalArgumentException(c + ": @EnumBlock element type must be sealed");
    }
    List<Class<?>> members = new ArrayList<>();
    for (Class<?> permitted : element.getPermittedSubclasses()) {
      members.add(permitted);
    }
    return members;
  }

  private static Method findDefaults(Class<?> recordClass) {
    try {
      Method m = recordClass.getDeclaredMethod("defaults");
      if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == recordClass) {
        m.setAccessible(true);
        return m;
      }
      return null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  static Class<?> rawType(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalArgumentException("unsupported type " + type);
  }
}
