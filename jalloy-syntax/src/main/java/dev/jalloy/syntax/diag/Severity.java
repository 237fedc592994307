package dev.jalloy.syntax.diag;

/** How bad a diagnostic is. Only errors stop a load. */
public enum Severity {
  WARNING("Warning"),
  ERROR("Error");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  /** The word printed before the position: {@code Error} or {@code Warning}. */
  public String label() {
    return label;
  }
}
