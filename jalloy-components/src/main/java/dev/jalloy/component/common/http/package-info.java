/**
 * What Alloy's HTTP clients share across components: the {@code tls_config} block ({@link
 * dev.jalloy.component.common.http.TlsConfig}) and the SSL context built from it ({@link
 * dev.jalloy.component.common.http.ClientTls}), following Alloy's {@code
 * internal/component/common/config} and Prometheus' {@code common/config} TLS code.
 */
package dev.jalloy.component.common.http;
