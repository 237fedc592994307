package dev.jalloy.component.prometheus.remotewrite.wire;

import dev.jalloy.component.common.proto.ProtoWriter;
import dev.jalloy.model.Labels;
import io.airlift.compress.snappy.SnappyCompressor;

/**
 * Encodes {@code prometheus.WriteRequest} (remote write 1.0) and snappy block-compresses it.
 *
 * <p>Streamed and reused: a batch is {@link #reset()}, then per series {@link #startSeries}, its
 * {@link #sample}s, its {@link #exemplar}s and {@link #endSeries()}, any {@link #metadata}, and
 * {@link #finish()}. Both the protobuf buffer and the compressed buffer are kept and grow to the
 * largest batch seen, so a steady stream of batches allocates nothing per sample or per batch.
 *
 * <p>Output is byte for byte what Prometheus' generated Go code writes for the same request: fields
 * in number order, zero values omitted, shortest varints. Labels are written in {@link Labels}
 * order, which is sorted by name, as remote write requires.
 *
 * <p>Not thread-safe: one encoder per sending shard.
 */
public final class WriteRequestEncoder {
  // prompb/remote.proto: WriteRequest
  static final int WRITE_REQUEST_TIMESERIES = 1;
  static final int WRITE_REQUEST_METADATA = 3;
  // prompb/types.proto: TimeSeries, Label, Sample, Exemplar, MetricMetadata
  static final int TIMESERIES_LABELS = 1;
  static final int TIMESERIES_SAMPLES = 2;
  static final int TIMESERIES_EXEMPLARS = 3;
  static final int TIMESERIES_HISTOGRAMS = 4;
  static final int LABEL_NAME = 1;
  static final int LABEL_VALUE = 2;
  static final int SAMPLE_VALUE = 1;
  static final int SAMPLE_TIMESTAMP = 2;
  static final int EXEMPLAR_LABELS = 1;
  static final int EXEMPLAR_VALUE = 2;
  static final int EXEMPLAR_TIMESTAMP = 3;
  static final int METADATA_TYPE = 1;
  static final int METADATA_FAMILY_NAME = 2;
  static final int METADATA_HELP = 4;
  static final int METADATA_UNIT = 5;

  private enum State {
    BETWEEN_SERIES,
    SAMPLES,
    EXEMPLARS
  }

  private final ProtoWriter out;
  private final SnappyCompressor compressor = new SnappyCompressor();
  private byte[] compressed = new byte[0];

  private State state = State.BETWEEN_SERIES;
  private int seriesMark;
  private int series;
  private int samples;
  private int exemplars;
  private int metadata;

  public WriteRequestEncoder() {
    this(64 * 1024);
  }

  /**
   * @param initialCapacity starting size of the protobuf buffer, in bytes; it grows as needed
   */
  public WriteRequestEncoder(int initialCapacity) {
    out = new ProtoWriter(initialCapacity);
  }

  /** Starts a new, empty request, discarding anything not finished. */
  public WriteRequestEncoder reset() {
    out.reset();
    state = State.BETWEEN_SERIES;
    series = 0;
    samples = 0;
    exemplars = 0;
    metadata = 0;
    return this;
  }

  /** Starts a series; its samples, then its exemplars, follow, then {@link #endSeries()}. */
  public WriteRequestEncoder startSeries(Labels labels) {
    if (state != State.BETWEEN_SERIES) {
      throw new IllegalStateException("startSeries before endSeries");
    }
    out.tag(WRITE_REQUEST_TIMESERIES, ProtoWriter.LEN);
    seriesMark = out.begin();
    labels(TIMESERIES_LABELS, labels);
    state = State.SAMPLES;
    return this;
  }

  /**
   * Starts a series whose labels were encoded once with {@link #encodeLabels}: a sender that sees
   * the same series every scrape copies its labels instead of encoding the strings again.
   */
  public WriteRequestEncoder startSeries(EncodedLabels labels) {
    if (state != State.BETWEEN_SERIES) {
      throw new IllegalStateException("startSeries before endSeries");
    }
    out.tag(WRITE_REQUEST_TIMESERIES, ProtoWriter.LEN);
    seriesMark = out.begin();
    out.raw(labels.bytes);
    state = State.SAMPLES;
    return this;
  }

  /** The labels field of a {@code TimeSeries}, encoded once for {@link #startSeries}. */
  public static final class EncodedLabels {
    private final byte[] bytes;

    private EncodedLabels(byte[] bytes) {
      this.bytes = bytes;
    }

    /** The encoded size, for memory accounting. */
    public int size() {
      return bytes.length;
    }
  }

  /** Encodes a series' labels as {@link #startSeries(Labels)} would write them. */
  public static EncodedLabels encodeLabels(Labels labels) {
    WriteRequestEncoder e = new WriteRequestEncoder(32 * (labels.size() + 1));
    e.labels(TIMESERIES_LABELS, labels);
    return new EncodedLabels(java.util.Arrays.copyOf(e.out.buffer(), e.out.size()));
  }

  /** Adds a sample to the current series; samples must come in timestamp order. */
  public WriteRequestEncoder sample(long timestampMs, double value) {
    if (state != State.SAMPLES) {
      throw new IllegalStateException(
          state == State.EXEMPLARS ? "sample after exemplar" : "sample outside a series");
    }
    out.tag(TIMESERIES_SAMPLES, ProtoWriter.LEN);
    int mark = out.begin();
    out.doubleField(SAMPLE_VALUE, value);
    out.int64Field(SAMPLE_TIMESTAMP, timestampMs);
    out.end(mark);
    samples++;
    return this;
  }

  /** Adds an exemplar to the current series, after its samples. */
  public WriteRequestEncoder exemplar(Labels labels, long timestampMs, double value) {
    if (state == State.BETWEEN_SERIES) {
      throw new IllegalStateException("exemplar outside a series");
    }
    state = State.EXEMPLARS;
    out.tag(TIMESERIES_EXEMPLARS, ProtoWriter.LEN);
    int mark = out.begin();
    labels(EXEMPLAR_LABELS, labels);
    out.doubleField(EXEMPLAR_VALUE, value);
    out.int64Field(EXEMPLAR_TIMESTAMP, timestampMs);
    out.end(mark);
    exemplars++;
    return this;
  }

  public WriteRequestEncoder endSeries() {
    if (state == State.BETWEEN_SERIES) {
      throw new IllegalStateException("endSeries without startSeries");
    }
    out.end(seriesMark);
    state = State.BETWEEN_SERIES;
    series++;
    return this;
  }

  /**
   * Adds metric metadata. Prometheus sends metadata in requests of their own, without series; this
   * encoder allows both in one request, as the format does.
   */
  public WriteRequestEncoder metadata(
      MetricType type, String familyName, String help, String unit) {
    if (state != State.BETWEEN_SERIES) {
      throw new IllegalStateException("metadata inside a series");
    }
    out.tag(WRITE_REQUEST_METADATA, ProtoWriter.LEN);
    int mark = out.begin();
    out.int64Field(METADATA_TYPE, type.number());
    out.stringField(METADATA_FAMILY_NAME, familyName);
    out.stringField(METADATA_HELP, help);
    out.stringField(METADATA_UNIT, unit);
    out.end(mark);
    metadata++;
    return this;
  }

  public WriteRequestEncoder metadata(MetricMetadata m) {
    return metadata(m.type(), m.familyName(), m.help(), m.unit());
  }

  /** Adds a whole series. */
  public WriteRequestEncoder series(TimeSeries ts) {
    startSeries(ts.labels());
    for (Sample s : ts.samples()) {
      sample(s.timestamp(), s.value());
    }
    for (Exemplar e : ts.exemplars()) {
      exemplar(e.labels(), e.timestamp(), e.value());
    }
    return endSeries();
  }

  /** Compresses the request built since {@link #reset()}. */
  public EncodedRequest finish() {
    if (state != State.BETWEEN_SERIES) {
      throw new IllegalStateException("finish inside a series");
    }
    int raw = out.size();
    int max = compressor.maxCompressedLength(raw);
    if (compressed.length < max) {
      compressed = new byte[Math.max(max, compressed.length * 2)];
    }
    int len = compressor.compress(out.buffer(), 0, raw, compressed, 0, compressed.length);
    return new EncodedRequest(compressed, len, raw, series, samples, exemplars, metadata);
  }

  /** Encodes a whole request: {@link #reset()}, every series and metadata, {@link #finish()}. */
  public EncodedRequest encode(WriteRequest request) {
    reset();
    request.timeseries().forEach(this::series);
    request.metadata().forEach(this::metadata);
    return finish();
  }

  /** The uncompressed protobuf built since {@link #reset()}, copied; for tests and debugging. */
  public byte[] protobufBytes() {
    return java.util.Arrays.copyOf(out.buffer(), out.size());
  }

  private void labels(int field, Labels labels) {
    for (int i = 0, n = labels.size(); i < n; i++) {
      out.tag(field, ProtoWriter.LEN);
      int mark = out.begin();
      out.stringField(LABEL_NAME, labels.name(i));
      out.stringField(LABEL_VALUE, labels.value(i));
      out.end(mark);
    }
  }
}
