package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stage.cri}, after Alloy's {@code stages/cri.go} and {@code stages/cri/parse.go}: {@code
 * <time> <stdout|stderr> [F|P] <content>}. The parse is lenient as Alloy's: the time is the first
 * token, unchecked; spaces between fields may repeat; the flag may be missing (full line). Lines
 * that are not CRI pass unchanged.
 *
 * <p>Partial lines ({@code P}) are held per stream (the label set, {@code stream} included) and
 * joined with the following ones until a full line ({@code F}) of the same stream completes them.
 * When {@code max_partial_lines} streams are held and another partial line arrives, all held lines
 * are released as they are.
 */
final class CriStage implements Stage {
  private final CriConfig config;
  private final StageContext context;
  // insertion-ordered so that a forced flush releases lines in arrival order
  private Map<Map<String, String>, PipelineEntry> partial = new LinkedHashMap<>();

  CriStage(CriConfig config, StageContext context) {
    this.config = config;
    this.context = context;
  }

  /** A parsed CRI line, or null. */
  record Parsed(String time, String stream, boolean partial, String content) {}

  static Parsed parse(String line) {
    // indexes, not substrings: only the time and the content are copied out of the line
    int n = line.length();
    int i = 0;
    while (i < n) {
      char c = line.charAt(i);
      // every whitespace char is at most a space or above ASCII: one compare for the rest
      if ((c <= ' ' || c >= 0x80) && Character.isWhitespace(c)) {
        break;
      }
      i++;
    }
    String time;
    int p;
    if (i == n) {
      time = "";
      p = 0;
    } else {
      time = line.substring(0, i);
      p = skipSpaces(line, i);
    }
    String stream;
    if (line.startsWith("stdout", p)) {
      stream = "stdout";
    } else if (line.startsWith("stderr", p)) {
      stream = "stderr";
    } else {
      return null;
    }
    p = skipSpaces(line, p + 6);
    boolean partial = false;
    if (p < n) {
      char flag = line.charAt(p);
      if (flag == 'P') {
        partial = true;
        p = skipSpaces(line, p + 1);
      } else if (flag == 'F') {
        p = skipSpaces(line, p + 1);
      }
    }
    return new Parsed(time, stream, partial, line.substring(p));
  }

  private static int skipSpaces(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    Parsed p = parse(entry.line);
    if (p == null) {
      next.emit(entry);
      return;
    }
    entry.extracted.put("flags", p.partial ? "P" : "");
    entry.extracted.put("stream", p.stream);
    entry.extracted.put("content", p.content);
    entry.extracted.put("time", p.time);
    entry.line = p.content;
    entry.timestampNanos = StageSupport.parseRfc3339Nano(p.time, entry.timestampNanos);
    entry.labels.put("stream", p.stream);
    if (!p.partial && partial.isEmpty()) {
      next.emit(entry); // the common case: nothing to join, no key to build
      return;
    }
    Map<String, String> key = Map.copyOf(entry.labels);
    if (p.partial) {
      if (partial.size() >= config.maxPartialLines()) {
        context
            .logger()
            .warn(
                "partial lines upperbound exceeded, merging it to single line threshold={}",
                config.maxPartialLines());
        List<PipelineEntry> held = new ArrayList<>(partial.values());
        partial = new LinkedHashMap<>();
        truncate(entry);
        partial.put(key, entry);
        for (PipelineEntry e : held) {
          next.emit(e);
        }
        return;
      }
      PipelineEntry prev = partial.remove(key);
      if (prev != null) {
        entry.line = prev.line + entry.line;
      }
      truncate(entry);
      partial.put(key, entry);
      return;
    }
    PipelineEntry prev = partial.remove(key);
    if (prev != null) {
      entry.line = prev.line + entry.line;
      truncate(entry);
    }
    next.emit(entry);
  }

  private void truncate(PipelineEntry e) {
    if (config.maxPartialLineSizeTruncate() && e.line.length() > config.maxPartialLineSize()) {
      e.line = e.line.substring(0, (int) config.maxPartialLineSize());
    }
  }

  /** Partial lines wait for their full line; only a final flush releases them as they are. */
  @Override
  public void flush(Emitter next, boolean all) throws InterruptedException {
    if (!all || partial.isEmpty()) {
      return;
    }
    List<PipelineEntry> held = new ArrayList<>(partial.values());
    partial = new LinkedHashMap<>();
    for (PipelineEntry e : held) {
      next.emit(e);
    }
  }
}
