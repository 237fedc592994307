package dev.jalloy.component;

/**
 * Implemented by components that know more about their health than "running": a scrape target that
 * fails, a journal that cannot be read. The controller combines it with evaluation and run health,
 * keeping the worst.
 */
public interface HealthReporter {
  Health currentHealth();
}
