package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.common.regex.GoMatcher;
import dev.jalloy.component.common.regex.GoRegex;
import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stage.multiline}: one block per stream (label set). A first line flushes the stream's
 * block and starts a new one; other lines are appended with {@code \n}; a block is emitted when it
 * reaches {@code max_lines}, or by {@link #flush} once {@code max_wait_time} passed since its last
 * line. The emitted entry has the first line's labels, timestamp, metadata and extracted values.
 * Lines arriving before any first line form a block of their own, as in Alloy.
 *
 * <p>{@link #process} and {@link #flush} may run on different threads (the pipeline's and its
 * timer's), so both hold the stage's lock.
 */
final class MultilineStage implements Stage {
  private final GoMatcher firstline; // only process() uses it; runs are serialised
  private final long maxWaitNanos;
  private final long maxLines;
  private final boolean trimNewlines;
  private final Clock clock;
  private final Map<String, Block> blocks = new LinkedHashMap<>();

  private static final class Block {
    PipelineEntry start;
    final StringBuilder buffer = new StringBuilder();
    long lines;
    long lastNanos;
  }

  MultilineStage(MultilineConfig config, StageContext context) {
    this.firstline = GoRegex.of(config.regex()).matcher();
    this.maxWaitNanos = config.maxWaitTime().toNanos();
    this.maxLines = config.maxLines();
    this.trimNewlines = config.trimNewlines();
    this.clock = context.clock();
  }

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    List<PipelineEntry> ready = new ArrayList<>(2);
    synchronized (this) {
      String key = entry.labels.toString();
      Block block = blocks.computeIfAbsent(key, k -> new Block());
      if (firstline.find(entry.line)) {
        take(block, ready);
        block.start = entry;
      } else if (block.start == null) {
        block.start = entry;
      }
      if (!block.buffer.isEmpty()) {
        block.buffer.append('\n');
      }
      String line = entry.line;
      if (trimNewlines) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
          end--;
        }
        line = line.substring(0, end);
      }
      block.buffer.append(line);
      block.lines++;
      block.lastNanos = nowNanos();
      if (block.lines >= maxLines) {
        take(block, ready);
        block.start = null;
      }
    }
    for (PipelineEntry e : ready) {
      next.emit(e);
    }
  }

  @Override
  public void flush(Emitter next, boolean all) throws InterruptedException {
    List<PipelineEntry> ready = new ArrayList<>();
    synchronized (this) {
      long now = nowNanos();
      var it = blocks.values().iterator();
      while (it.hasNext()) {
        Block b = it.next();
        if (all || now - b.lastNanos >= maxWaitNanos) {
          take(b, ready);
          it.remove();
        }
      }
    }
    for (PipelineEntry e : ready) {
      next.emit(e);
    }
  }

  /** Moves a non-empty block's joined entry into {@code ready} and empties the block. */
  private static void take(Block block, List<PipelineEntry> ready) {
    if (block.buffer.isEmpty() || block.start == null) {
      return;
    }
    PipelineEntry e = block.start;
    e.line = block.buffer.toString();
    ready.add(e);
    block.buffer.setLength(0);
    block.lines = 0;
  }

  private long nowNanos() {
    var t = clock.instant();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
