package dev.jalloy.component;

import java.time.Instant;

/**
 * A component's health as the UI and {@code /-/healthy} show it.
 *
 * @param state the state
 * @param message why, in a sentence ("started component", "component evaluation failed: ...")
 * @param updated when the state last changed
 */
public record Health(State state, String message, Instant updated) {
  /** Ordered from best to worst, as Alloy ranks them when it combines several sources. */
  public enum State {
    HEALTHY("healthy"),
    UNKNOWN("unknown"),
    UNHEALTHY("unhealthy"),
    EXITED("exited");

    private final String text;

    State(String text) {
      this.text = text;
    }

    /** The lower-case name used in the API and the UI. */
    public String text() {
      return text;
    }
  }

  public static Health unknown(Instant at) {
    return new Health(State.UNKNOWN, "", at);
  }

  public static Health healthy(String message, Instant at) {
    return new Health(State.HEALTHY, message, at);
  }

  public static Health unhealthy(String message, Instant at) {
    return new Health(State.UNHEALTHY, message, at);
  }

  public static Health exited(String message, Instant at) {
    return new Health(State.EXITED, message, at);
  }

  /**
   * The less healthy of two; on a tie the more recent, as Alloy's controller combines evaluation,
   * run and component-reported health.
   */
  public static Health worst(Health a, Health b) {
    if (a.state.ordinal() != b.state.ordinal()) {
      return a.state.ordinal() > b.state.ordinal() ? a : b;
    }
    return a.updated.isAfter(b.updated) ? a : b;
  }
}
