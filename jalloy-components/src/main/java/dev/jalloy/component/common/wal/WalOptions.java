package dev.jalloy.component.common.wal;

/**
 * WAL tuning.
 *
 * @param segmentSize a segment is closed and a new one started when the next record would take it
 *     past this many bytes (a single larger record gets a segment of its own); default 128 MiB
 * @param maxDiskSize upper bound on the bytes of all segments together, set from the {@code wal}
 *     block's {@code max_disk_size} (a jalloy extension; bytes, 0 = unbounded, the default). When a
 *     new segment would exceed it, the oldest segments are deleted and their unacknowledged records
 *     counted in {@code jalloy_wal_records_dropped_total{reason="disk_limit"}}
 * @param syncPolicy when appends are fsynced
 */
public record WalOptions(long segmentSize, long maxDiskSize, SyncPolicy syncPolicy) {

  public static final long DEFAULT_SEGMENT_SIZE = 128L * 1024 * 1024;

  public WalOptions {
    if (segmentSize < 64) {
      throw new IllegalArgumentException("segment size too small: " + segmentSize);
    }
    if (maxDiskSize < 0) {
      throw new IllegalArgumentException("max_disk_size must be >= 0");
    }
  }

  public static WalOptions defaults() {
    return new WalOptions(DEFAULT_SEGMENT_SIZE, 0, SyncPolicy.everyCommit());
  }

  public WalOptions withSegmentSize(long bytes) {
    return new WalOptions(bytes, maxDiskSize, syncPolicy);
  }

  public WalOptions withMaxDiskSize(long bytes) {
    return new WalOptions(segmentSize, bytes, syncPolicy);
  }

  public WalOptions withSyncPolicy(SyncPolicy policy) {
    return new WalOptions(segmentSize, maxDiskSize, policy);
  }
}
