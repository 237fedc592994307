package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.common.regex.GoMatcher;
import dev.jalloy.component.common.regex.GoRegex;
import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stage.regex}, after Alloy's {@code stages/regex.go}: on the first match, every named group
 * is stored in the extracted map (a group that took no part in the match as ""); with {@code
 * labels_from_groups} also as a label, when the value is valid. No match leaves the entry alone.
 *
 * <p>Matching goes through {@link GoRegex} (re2j's answers, found faster); the stage owns its
 * matcher, as a pipeline is driven by one thread at a time.
 */
final class RegexStage implements Stage {
  private final GoMatcher matcher;
  private final Optional<String> source;
  private final boolean labelsFromGroups;
  private final String[] names; // in group order, as Go's SubexpNames
  private final int[] indexes;
  private final boolean[] validNames;

  RegexStage(RegexConfig config) {
    GoRegex regex = GoRegex.compile(config.expression());
    this.matcher = regex.matcher();
    this.source = config.source();
    this.labelsFromGroups = config.labelsFromGroups();
    var groups =
        regex.namedGroups().entrySet().stream().sorted(Map.Entry.comparingByValue()).toList();
    this.names = groups.stream().map(Map.Entry::getKey).toArray(String[]::new);
    this.indexes = groups.stream().mapToInt(Map.Entry::getValue).toArray();
    this.validNames = new boolean[names.length];
    for (int i = 0; i < names.length; i++) {
      validNames[i] = StageSupport.validLabelName(names[i]);
    }
  }

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    String in = source.isEmpty() ? entry.line : StageSupport.input(entry, source).orElse(null);
    if (in != null) {
      if (matcher.find(in)) {
        for (int i = 0; i < names.length; i++) {
          int start = matcher.start(indexes[i]);
          String v = start < 0 ? "" : in.substring(start, matcher.end(indexes[i]));
          entry.extracted.put(names[i], v);
          if (labelsFromGroups && validNames[i] && StageSupport.validLabelValue(v)) {
            entry.labels.put(names[i], v);
          }
        }
      }
    }
    next.emit(entry);
  }
}
