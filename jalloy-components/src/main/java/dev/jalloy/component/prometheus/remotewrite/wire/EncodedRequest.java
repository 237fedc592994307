package dev.jalloy.component.prometheus.remotewrite.wire;

import java.util.Arrays;

/**
 * One snappy-compressed {@code WriteRequest}, ready to POST, with the counts a sender reports in
 * its metrics.
 *
 * <p>{@code buffer} belongs to the {@link WriteRequestEncoder} that made it and is overwritten by
 * its next batch: send it (or {@link #toByteArray() copy} it) before encoding again. Only the first
 * {@code length} bytes are the request.
 *
 * @param uncompressedLength size of the protobuf before compression
 */
public record EncodedRequest(
    byte[] buffer,
    int length,
    int uncompressedLength,
    int series,
    int samples,
    int exemplars,
    int metadata) {

  /** The request bytes in an array of their own. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, length);
  }
}
