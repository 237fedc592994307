package dev.jalloy.component;

/**
 * Marks a component that publishes samples of its data to live debugging ({@link
 * Services#liveDebugging()}); the UI offers its live debugging page.
 */
public interface LiveDebuggingSupport {}
