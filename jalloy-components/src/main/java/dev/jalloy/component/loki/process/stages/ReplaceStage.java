package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.common.regex.GoMatcher;
import dev.jalloy.component.common.regex.GoRegex;
import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stage.replace}, after Alloy's {@code stages/replace.go}: for every match, the text of each
 * capture group is replaced by the template rendered with {@code .Value} = that text and every
 * extracted value convertible to a string. The result goes back to the line or to {@code source}. A
 * named group is then stored in the extracted map with the replacement of the text it matched in
 * the first match.
 */
final class ReplaceStage implements Stage {
  private final GoRegex regex;
  private final GoMatcher m; // the stage's own: one thread drives a pipeline at a time
  private final Optional<String> source;
  private final GoTemplate template;

  ReplaceStage(ReplaceConfig config) {
    this.regex = GoRegex.compile(config.expression());
    this.m = regex.matcher();
    this.source = config.source().isEmpty() ? Optional.empty() : Optional.of(config.source());
    this.template = GoTemplate.parse(config.replace(), TemplateFunctions.ALL);
  }

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    StageSupport.input(entry, source).ifPresent(in -> replace(entry, in));
    next.emit(entry);
  }

  private void replace(PipelineEntry entry, String input) {
    if (!m.find(input)) {
      return;
    }
    Map<String, String> data = new HashMap<>();
    entry.extracted.forEach((k, v) -> StageSupport.asString(v).ifPresent(s -> data.put(k, s)));
    String[] firstMatch = new String[m.groupCount() + 1];
    for (int g = 1; g <= m.groupCount(); g++) {
      int start = m.start(g);
      firstMatch[g] = start < 0 ? "" : input.substring(start, m.end(g));
    }
    StringBuilder result = new StringBuilder();
    Map<String, String> captured = new HashMap<>();
    int previousEnd = 0;
    do {
      for (int g = 1; g <= m.groupCount(); g++) {
        int start = m.start(g);
        if (start < 0) {
          continue;
        }
        int end = m.end(g);
        String text = input.substring(start, end);
        data.put("Value", text);
        String rendered = template.execute(data);
        if (previousEnd == 0 || previousEnd <= start) {
          result.append(input, previousEnd, start).append(rendered);
          previousEnd = end;
        }
        captured.put(text, rendered);
      }
      // as re2j's Matcher.find(): on from the end, one character further after an empty match
    } while (m.find(input, m.end(0) == m.start(0) ? m.end(0) + 1 : m.end(0)));
    result.append(input.substring(previousEnd));
    if (source.isPresent()) {
      entry.extracted.put(source.get(), result.toString());
    } else {
      entry.line = result.toString();
    }
    regex
        .namedGroups()
        .forEach(
            (name, g) -> {
              String v = captured.get(firstMatch[g]);
              if (v != null) {
                entry.extracted.put(name, v);
              }
            });
  }
}
