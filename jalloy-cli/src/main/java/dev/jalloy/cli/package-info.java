/**
 * The {@code jalloy} command: {@code run}, {@code fmt} and {@code validate}, with Alloy's flags,
 * messages and exit codes (every failure exits 1). Commands return exit codes instead of exiting,
 * so tests drive them in-process with captured output; only {@link dev.jalloy.cli.Main#main} calls
 * {@code System.exit}.
 */
package dev.jalloy.cli;
