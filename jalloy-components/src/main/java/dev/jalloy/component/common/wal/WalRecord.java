package dev.jalloy.component.common.wal;

/**
 * One record read from the WAL.
 *
 * @param position where the record starts
 * @param next the position just after it; acknowledge this once the record is delivered
 * @param payload the record bytes, exactly as appended
 */
public record WalRecord(Position position, Position next, byte[] payload) {}
