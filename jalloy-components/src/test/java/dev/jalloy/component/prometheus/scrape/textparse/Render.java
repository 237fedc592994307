package dev.jalloy.component.prometheus.scrape.textparse;

import dev.jalloy.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses a whole exposition into one line per entry, so tests can compare against text. */
final class Render {
  private Render() {}

  static List<String> prom(String text) throws ParseException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return all(TextParser.prometheus(b, 0, b.length));
  }

  static List<String> om(String text) throws ParseException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return all(TextParser.openMetrics(b, 0, b.length));
  }

  static List<String> all(TextParser p) throws ParseException {
    List<String> out = new ArrayList<>();
    Labels.Builder lb = Labels.builder();
    for (TextParser.Entry e; (e = p.next()) != TextParser.Entry.EOF; ) {
      switch (e) {
        case SERIES -> {
          p.labels(lb.reset());
          StringBuilder sb = new StringBuilder();
          sb.append(lb.build()).append(' ').append(format(p.value()));
          if (p.hasTimestamp()) {
            sb.append(" @").append(p.timestamp());
          }
          sb.append(" (").append(p.familyType().text()).append(')');
          if (p.hasExemplar()) {
            p.exemplarLabels(lb.reset());
            sb.append(" # ").append(lb.build()).append(' ').append(format(p.exemplarValue()));
            if (p.exemplarHasTimestamp()) {
              sb.append(" @").append(p.exemplarTimestamp());
            }
          }
          out.add(sb.toString());
        }
        case TYPE -> out.add("TYPE " + p.metricName() + " " + p.type().text());
        case HELP -> out.add("HELP " + p.metricName() + " " + p.text());
        case UNIT -> out.add("UNIT " + p.metricName() + " " + p.text());
        case COMMENT -> out.add("COMMENT " + p.text());
        case EOF -> throw new AssertionError();
      }
    }
    return out;
  }

  private static String format(double d) {
    if (Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(TextParser.NORMAL_NAN)) {
      return "NormalNaN";
    }
    return Double.toString(d);
  }
}
