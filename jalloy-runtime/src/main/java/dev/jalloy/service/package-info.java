/**
 * The HTTP service: the one listener on {@code --server.http.listen-addr} that serves {@code
 * /metrics}, the {@code /-/ready}, {@code /-/healthy} and {@code /-/reload} endpoints, the UI's
 * {@code /api/v0/web/*} API and live-debugging streams, component HTTP handlers under {@code
 * /api/v0/component/}, and the web UI's static files. It starts before the configuration loads and
 * learns about the running configuration through {@link dev.jalloy.runtime.RuntimeView}.
 *
 * <p>{@link dev.jalloy.service.HttpService} is the entry point; the {@code http} and {@code
 * livedebugging} blocks reach it as {@link dev.jalloy.runtime.ServiceBlock}s; {@link
 * dev.jalloy.service.ControllerMetrics} holds the controller's {@code alloy_component_*} metrics.
 * Everything else here is package-private.
 */
package dev.jalloy.service;
