package dev.jalloy.component;

import java.util.function.Supplier;

/** A component's live debugging stream (the {@code livedebugging} block enables it). */
public interface LiveDebugging {
  /** Whether anyone is watching this component now. */
  boolean active(String componentId);

  /** Sends a message to the watchers of {@code componentId}, if any; built only then. */
  void publish(String componentId, Supplier<String> message);

  /** A stream nobody watches, for tests and when live debugging is off. */
  LiveDebugging DISABLED =
      new LiveDebugging() {
        @Override
        public boolean active(String componentId) {
          return false;
        }

        @Override
        public void publish(String componentId, Supplier<String> message) {}
      };
}
