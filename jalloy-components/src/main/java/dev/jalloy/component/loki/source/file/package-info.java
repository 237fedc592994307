/**
 * {@code loki.source.file}: file tailing with rotation tracking, positions and decompression.
 *
 * <p>Read when: changing how files are followed ({@code Tailer}), how lines are cut ({@code
 * LineSplitter}) or how positions are stored ({@code Positions}, {@code PositionsCodec}).
 */
package dev.jalloy.component.loki.source.file;
