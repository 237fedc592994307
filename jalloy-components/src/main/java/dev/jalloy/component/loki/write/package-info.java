/**
 * {@code loki.write}: the on-disk queue between log sources and Loki, per-tenant batching, and the
 * senders that push batches to each endpoint and acknowledge them. See {@link
 * dev.jalloy.component.loki.write.LokiWrite}.
 */
package dev.jalloy.component.loki.write;
