package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.common.regex.GoMatcher;
import dev.jalloy.component.common.regex.GoRegex;
import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code stage.drop}: the conditions are ANDed, cheapest first, as in Alloy: line length, age,
 * presence of the source keys, then the regex on the line or on the joined source values.
 */
final class DropStage implements Stage {
  private final StageContext context;
  private final GoMatcher regex; // null without expression or value; the stage's own
  private final List<String> sources;
  private final String separator;
  private final long longerThan;
  private final long olderThanNanos;
  private final String reason;

  DropStage(DropConfig config, StageContext context) {
    this.context = context;
    this.regex = config.regex().map(p -> GoRegex.of(p).matcher()).orElse(null);
    this.sources = config.source().isEmpty() ? List.of() : List.of(config.source().split(",", -1));
    this.separator = config.separator().isEmpty() ? ";" : config.separator();
    this.longerThan = config.longerThan().bytes();
    this.olderThanNanos = config.olderThan().toNanos();
    this.reason = config.dropCounterReason().isEmpty() ? "drop_stage" : config.dropCounterReason();
  }

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    if (shouldDrop(entry)) {
      context.drops().dropped(reason);
    } else {
      next.emit(entry);
    }
  }

  private boolean shouldDrop(PipelineEntry entry) {
    if (longerThan != 0 && entry.line.getBytes(StandardCharsets.UTF_8).length <= longerThan) {
      return false;
    }
    if (olderThanNanos != 0) {
      Instant now = context.clock().instant();
      long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
      if (entry.timestampNanos >= nowNanos - olderThanNanos) {
        return false;
      }
    }
    if (!sources.isEmpty() && regex == null) {
      for (String s : sources) {
        if (!entry.extracted.containsKey(s)) {
          return false;
        }
      }
    }
    if (sources.isEmpty() && regex != null && !regex.find(entry.line)) {
      return false;
    }
    if (!sources.isEmpty() && regex != null) {
      List<String> values = new ArrayList<>();
      for (String s : sources) {
        if (entry.extracted.containsKey(s)) {
          Optional<String> v = ExtractedValues.asString(entry.extracted.get(s));
          if (v.isEmpty()) {
            return false;
          }
          values.add(v.get());
        }
      }
      if (!regex.find(String.join(separator, values))) {
        return false;
      }
    }
    return true;
  }
}
