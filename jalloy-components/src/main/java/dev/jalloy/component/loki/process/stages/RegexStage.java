package dev.jalloy.component.loki.process.stages;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stage.regex}, after Alloy's {@code stages/regex.go}: on the first match, every named group
 * is stored in the extracted map (a group that took no part in the match as ""); with {@code
 * labels_from_groups} also as a label, when the value is valid. No match leaves the entry alone.
 */
final class RegexStage implements Stage {
  private final Pattern pattern;
  private final Optional<String> source;
  private final boolean labelsFromGroups;
  private final List<Map.Entry<String, Integer>> groups; // in group order, as Go's SubexpNames

  RegexStage(RegexConfig config) {
    this.pattern = Pattern.compile(config.expression());
    this.source = config.source();
    this.labelsFromGroups = config.labelsFromGroups();
    this.groups =
        pattern.namedGroups().entrySet().stream()
            .sorted(Comparator.comparing(Map.Entry::getValue))
            .map(e -> Map.entry(e.getKey(), e.getValue()))
            .toList();
  }

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    Optional<String> input = StageSupport.input(entry, source);
    if (input.isPresent()) {
      Matcher m = pattern.matcher(input.get());
      if (m.find()) {
        for (var g : groups) {
          String v = m.group(g.getValue());
          if (v == null) {
            v = "";
          }
          entry.extracted.put(g.getKey(), v);
          if (labelsFromGroups
              && StageSupport.validLabelName(g.getKey())
              && StageSupport.validLabelValue(v)) {
            entry.labels.put(g.getKey(), v);
          }
        }
      }
    }
    next.emit(entry);
  }
}
