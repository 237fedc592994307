/**
 * jalloy's own log output: an SLF4J 2 backend that prints Alloy's log lines ({@code ts=...
 * level=... msg=...} logfmt, or JSON lines with the same keys) to stderr, configured live by the
 * {@code logging} block.
 *
 * <p>{@link dev.jalloy.service.logging.LoggingService} holds the settings and the output; {@link
 * dev.jalloy.service.logging.LoggingArguments} is the decoded {@code logging} block; {@link
 * dev.jalloy.service.logging.ComponentLoggers} hands out the loggers whose lines carry {@code
 * component_path} and {@code component_id}; {@link
 * dev.jalloy.service.logging.JalloyServiceProvider} makes every library that logs through SLF4J
 * (Jetty, for one) write through the same output.
 */
package dev.jalloy.service.logging;
