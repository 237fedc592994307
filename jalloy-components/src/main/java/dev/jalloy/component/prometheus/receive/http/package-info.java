/**
 * {@code prometheus.receive_http}: a Prometheus remote-write receiver that forwards what it
 * receives to other components.
 */
package dev.jalloy.component.prometheus.receive.http;
