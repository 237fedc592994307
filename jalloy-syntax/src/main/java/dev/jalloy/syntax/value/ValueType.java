package dev.jalloy.syntax.value;

/** The eight Alloy types, named as Alloy's error messages name them. */
public enum ValueType {
  NULL("null"),
  NUMBER("number"),
  STRING("string"),
  BOOL("bool"),
  ARRAY("array"),
  OBJECT("object"),
  FUNCTION("function"),
  CAPSULE("capsule");

  private final String alloyName;

  ValueType(String alloyName) {
    this.alloyName = alloyName;
  }

  /** The lower-case name used in messages such as {@code expected number, got string}. */
  public String alloyName() {
    return alloyName;
  }

  @Override
  public String toString() {
    return alloyName;
  }
}
