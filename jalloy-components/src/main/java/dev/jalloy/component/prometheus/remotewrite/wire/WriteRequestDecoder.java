package dev.jalloy.component.prometheus.remotewrite.wire;

import static dev.jalloy.component.prometheus.remotewrite.wire.WriteRequestEncoder.*;

import dev.jalloy.component.common.proto.ProtoReader;
import dev.jalloy.component.common.proto.ProtoWriter;
import dev.jalloy.model.Labels;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a snappy block-compressed {@code prometheus.WriteRequest}, the inverse of {@link
 * WriteRequestEncoder}. Unknown fields are skipped, as protobuf requires; native histograms are
 * skipped and counted in {@link WriteRequest#skippedHistograms()}.
 *
 * <p>Label sets go through {@link Labels}, so duplicate names keep the last value and empty values
 * disappear, which is what Prometheus means by an empty value.
 *
 * <p>Keeps its decompression buffer between calls; not thread-safe.
 */
public final class WriteRequestDecoder {
  /** Prometheus' own limit on a decoded remote write body ({@code decodeReadLimit}). */
  public static final int DEFAULT_MAX_DECODED_BYTES = 32 * 1024 * 1024;

  private final int maxDecodedBytes;
  private final SnappyDecompressor decompressor = new SnappyDecompressor();
  private byte[] raw = new byte[0];

  public WriteRequestDecoder() {
    this(DEFAULT_MAX_DECODED_BYTES);
  }

  /**
   * @param maxDecodedBytes bodies that decompress to more than this are rejected
   */
  public WriteRequestDecoder(int maxDecodedBytes) {
    this.maxDecodedBytes = maxDecodedBytes;
  }

  public WriteRequest decode(byte[] body) throws MalformedRequestException {
    return decode(body, 0, body.length);
  }

  /** Snappy-decodes and then protobuf-decodes {@code body[offset, offset+length)}. */
  public WriteRequest decode(byte[] body, int offset, int length) throws MalformedRequestException {
    int size;
    try {
      if (length == 0) {
        throw new MalformedRequestException("snappy: corrupt input (empty body)");
      }
      size = SnappyDecompressor.getUncompressedLength(body, offset);
      if (size < 0 || size > maxDecodedBytes) {
        throw new MalformedRequestException(
            "decoded size " + size + " exceeds the limit of " + maxDecodedBytes + " bytes");
      }
      if (raw.length < size) {
        raw = new byte[size];
      }
      int n = decompressor.decompress(body, offset, length, raw, 0, size);
      if (n != size) {
        throw new MalformedRequestException("snappy: corrupt input (length mismatch)");
      }
    } catch (MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new MalformedRequestException("snappy: corrupt input: " + e.getMessage(), e);
    }
    return decodeProtobuf(raw, 0, size);
  }

  /** Decodes an uncompressed protobuf {@code WriteRequest}. */
  public WriteRequest decodeProtobuf(byte[] buf, int offset, int length)
      throws MalformedRequestException {
    ProtoReader<MalformedRequestException> in =
        new ProtoReader<>(buf, offset, offset + length, MalformedRequestException::new);
    List<TimeSeries> series = new ArrayList<>();
    List<MetricMetadata> metadata = new ArrayList<>();
    int[] histograms = new int[1];
    Labels.Builder lb = Labels.builder();
    while (in.hasMore()) {
      long tag = in.varint();
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (field == WRITE_REQUEST_TIMESERIES && wire == ProtoWriter.LEN) {
        series.add(timeSeries(in.message(), lb, histograms));
      } else if (field == WRITE_REQUEST_METADATA && wire == ProtoWriter.LEN) {
        metadata.add(metadata(in.message()));
      } else {
        in.skip(wire);
      }
    }
    return new WriteRequest(series, metadata, histograms[0]);
  }

  private static TimeSeries timeSeries(
      ProtoReader<MalformedRequestException> in, Labels.Builder lb, int[] histograms)
      throws MalformedRequestException {
    lb.reset();
    List<Sample> samples = new ArrayList<>();
    List<Exemplar> exemplars = new ArrayList<>();
    while (in.hasMore()) {
      long tag = in.varint();
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (wire != ProtoWriter.LEN) {
        in.skip(wire);
        continue;
      }
      switch (field) {
        case TIMESERIES_LABELS -> label(in.message(), lb);
        case TIMESERIES_SAMPLES -> samples.add(sample(in.message()));
        case TIMESERIES_EXEMPLARS -> exemplars.add(exemplar(in.message()));
        case TIMESERIES_HISTOGRAMS -> {
          in.skip(wire);
          histograms[0]++;
        }
        default -> in.skip(wire);
      }
    }
    return new TimeSeries(lb.build(), samples, exemplars);
  }

  private static void label(ProtoReader<MalformedRequestException> in, Labels.Builder lb)
      throws MalformedRequestException {
    String name = "";
    String value = "";
    while (in.hasMore()) {
      long tag = in.varint();
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (field == LABEL_NAME && wire == ProtoWriter.LEN) {
        name = in.string();
      } else if (field == LABEL_VALUE && wire == ProtoWriter.LEN) {
        value = in.string();
      } else {
        in.skip(wire);
      }
    }
    lb.set(name, value);
  }

  private static Sample sample(ProtoReader<MalformedRequestException> in)
      throws MalformedRequestException {
    double value = 0;
    long ts = 0;
    while (in.hasMore()) {
      long tag = in.varint();
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (field == SAMPLE_VALUE && wire == ProtoWriter.FIXED64) {
        value = in.fixed64Double();
      } else if (field == SAMPLE_TIMESTAMP && wire == ProtoWriter.VARINT) {
        ts = in.varint();
      } else {
        in.skip(wire);
      }
    }
    return new Sample(ts, value);
  }

  private static Exemplar exemplar(ProtoReader<MalformedRequestException> in)
      throws MalformedRequestException {
    Labels.Builder lb = Labels.builder();
    double value = 0;
    long ts = 0;
    while (in.hasMore()) {
      long tag = in.varint();
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (field == EXEMPLAR_LABELS && wire == ProtoWriter.LEN) {
        label(in.message(), lb);
      } else if (field == EXEMPLAR_VALUE && wire == ProtoWriter.FIXED64) {
        value = in.fixed64Double();
      } else if (field == EXEMPLAR_TIMESTAMP && wire == ProtoWriter.VARINT) {
        ts = in.varint();
      } else {
        in.skip(wire);
      }
    }
    return new Exemplar(lb.build(), ts, value);
  }

  private static MetricMetadata metadata(ProtoReader<MalformedRequestException> in)
      throws MalformedRequestException {
    MetricType type = MetricType.UNKNOWN;
    String family = "";
    String help = "";
    String unit = "";
    while (in.hasMore()) {
      long tag = in.varint();
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (field == METADATA_TYPE && wire == ProtoWriter.VARINT) {
        type = MetricType.ofNumber(in.varint());
      } else if (field == METADATA_FAMILY_NAME && wire == ProtoWriter.LEN) {
        family = in.string();
      } else if (field == METADATA_HELP && wire == ProtoWriter.LEN) {
        help = in.string();
      } else if (field == METADATA_UNIT && wire == ProtoWriter.LEN) {
        unit = in.string();
      } else {
        in.skip(wire);
      }
    }
    return new MetricMetadata(type, family, help, unit);
  }
}
