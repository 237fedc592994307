/**
 * The write-ahead log: the durable, bounded buffer between producers (scrapes, log sources) and
 * senders (remote write).
 *
 * <ul>
 *   <li>Layout: {@code <dataPath>/wal/00000001, 00000002, ...}; each record is framed {@code [int32
 *       length][int32 CRC32C of length+payload][payload]}. A segment is sealed (fsynced) when the
 *       next record would take it past {@link
 *       dev.jalloy.component.common.wal.WalOptions#segmentSize()} (default 128 MiB); every open
 *       starts a new segment.
 *   <li>Durability: {@link dev.jalloy.component.common.wal.SyncPolicy#everyCommit()} by default
 *       (group-committed fsync per append batch) so a producer may commit its source position when
 *       {@code append} returns (at-least-once). Readers only see fsynced records.
 *   <li>Readers: {@link dev.jalloy.component.common.wal.WalReader} iterates from a {@link
 *       dev.jalloy.component.common.wal.Position} across segments and can block for new data; the
 *       sender persists its acknowledged position with {@link
 *       dev.jalloy.component.common.wal.PositionFile} (temp + fsync + atomic rename).
 *   <li>Truncation: {@link dev.jalloy.component.common.wal.Wal#truncateBefore} deletes sealed
 *       segments before the lowest acknowledged position. Disk is bounded by the {@code wal}
 *       block's {@code max_disk_size} (jalloy extension, bytes, 0 = unbounded): the oldest segments
 *       are deleted and their unacknowledged records counted in {@code
 *       jalloy_wal_records_dropped_total{reason="disk_limit"}}.
 *   <li>Recovery: a torn/corrupt tail is truncated and counted ({@code reason="corrupt_tail"}); a
 *       corrupt record inside an older segment makes readers skip to the next segment ({@code
 *       reason="corrupt_segment"}); garbage and zero-length files never prevent opening.
 * </ul>
 */
package dev.jalloy.component.common.wal;
