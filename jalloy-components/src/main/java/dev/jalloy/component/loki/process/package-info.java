/**
 * {@code loki.process}: a pipeline of {@code stage.*} blocks over log entries. The stage contract
 * ({@link dev.jalloy.component.loki.process.Stage}, {@link
 * dev.jalloy.component.loki.process.PipelineEntry}) lives here; each stage is one class in {@code
 * stages}.
 */
package dev.jalloy.component.loki.process;
