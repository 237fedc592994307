/**
 * {@code loki.source.api}: a Loki push receiver on its own listener. See {@link
 * dev.jalloy.component.loki.source.api.LokiSourceApi}.
 */
package dev.jalloy.component.loki.source.api;
