/**
 * The component SPI: what a component implements ({@link dev.jalloy.component.Component}), how it
 * is registered ({@link dev.jalloy.component.Registration}), what the runtime gives it ({@link
 * dev.jalloy.component.Options}), and the optional capabilities it may offer (health, debug info,
 * an HTTP handler). Names follow Alloy's so readers of either codebase find their way.
 */
package dev.jalloy.component;
