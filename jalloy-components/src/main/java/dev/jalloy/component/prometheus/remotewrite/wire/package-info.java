/**
 * The Prometheus remote write 1.0 wire format, written by hand: protobuf {@code
 * prometheus.WriteRequest} (upstream {@code prompb/remote.proto} and {@code prompb/types.proto}) in
 * snappy block format, and the HTTP client that posts it.
 *
 * <p>{@link dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder} encodes into
 * buffers it keeps, so a steady stream of batches allocates nothing per sample; {@link
 * dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestDecoder} is its inverse (tests,
 * {@code prometheus.receive_http}); {@link
 * dev.jalloy.component.prometheus.remotewrite.wire.RemoteWriteClient} sends one request and
 * classifies the answer as success, retryable or dropped. Queueing, retries with backoff, and the
 * WAL are the caller's business.
 */
package dev.jalloy.component.prometheus.remotewrite.wire;
