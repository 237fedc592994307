package dev.jalloy.component.common.relabel;

import java.util.Optional;

/** What a {@link Rule} does; the names are the ones written in {@code action}. */
public enum Action {
  REPLACE("replace"),
  KEEP("keep"),
  DROP("drop"),
  KEEPEQUAL("keepequal"),
  DROPEQUAL("dropequal"),
  HASHMOD("hashmod"),
  LABELMAP("labelmap"),
  LABELDROP("labeldrop"),
  LABELKEEP("labelkeep"),
  LOWERCASE("lowercase"),
  UPPERCASE("uppercase");

  private final String text;

  Action(String text) {
    this.text = text;
  }

  /** The spelling in the configuration. */
  public String text() {
    return text;
  }

  /** The action spelled exactly {@code text}; Alloy, unlike Prometheus' YAML, is case-sensitive. */
  public static Optional<Action> parse(String text) {
    for (Action a : values()) {
      if (a.text.equals(text)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return text;
  }
}
