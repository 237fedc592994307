package dev.jalloy.component.loki.source.journal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.jalloy.component.common.relabel.Action;
import dev.jalloy.component.common.relabel.Relabeler;
import dev.jalloy.component.common.relabel.Rule;
import dev.jalloy.model.Labels;
import dev.jalloy.model.LogEntry;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns one journal entry's fields into a {@link LogEntry}, as Alloy's {@code
 * internal/component/loki/source/journal/tailer.go} does: labels start from {@code labels} and
 * {@code job}, every field {@code FOO} becomes {@code __journal_foo}, {@code PRIORITY} also yields
 * {@code __journal_priority_keyword}; the line is {@code MESSAGE}, or with {@code format_as_json}
 * all fields as a JSON object (Go's {@code json.Marshal} of a {@code map[string]string}: keys
 * sorted, HTML characters escaped); relabel rules apply, then {@code __*} labels go.
 *
 * <p>One converter per reader thread: it reuses its buffers. Fields arrive through {@link
 * #field(MemorySegment)} straight from libsystemd's memory; values are decoded as UTF-8 (invalid
 * bytes become U+FFFD, as Go's JSON encoder writes them), so binary fields are safe.
 */
final class JournalEntryConverter implements SdJournal.FieldSink {
  static final String LABEL_PREFIX = "__journal_";

  /** Why an entry produced no log entry; the values are Alloy's {@code error} label values. */
  enum Skip {
    NO_MESSAGE("no_message"),
    EMPTY_LABELS("empty_labels"),
    DROPPED(""),
    BAD_FIELD("bad_field");

    final String metricValue;

    Skip(String metricValue) {
      this.metricValue = metricValue;
    }
  }

  /**
   * The outcome for one entry: an entry to send, or why there is none.
   *
   * @param entry the entry, when there is one
   * @param skip why there is none
   */
  record Result(Optional<LogEntry> entry, Optional<Skip> skip) {
    static Result of(LogEntry e) {
      return new Result(Optional.of(e), Optional.empty());
    }

    static Result skipped(Skip s) {
      return new Result(Optional.empty(), Optional.of(s));
    }
  }

  private final Labels base;
  private final List<Rule> rules;
  private final boolean asJson;
  private final Relabeler relabeler = new Relabeler();
  private final Labels.Builder builder = Labels.builder();
  private final Map<String, String> labelNames = new HashMap<>();

  /**
   * The {@code __journal_*} labels the rules can read, or null for all of them. Every {@code __*}
   * label is removed after relabeling, so a field no rule reads cannot change the result: with the
   * seed's rules an entry of twenty fields decodes and labels three of them.
   */
  private final Set<String> wanted;

  private byte[] buf = new byte[4096];

  // the current entry
  private String[] names = new String[32];
  private String[] values = new String[32];
  private int count;
  private boolean badField;

  /**
   * A converter.
   *
   * @param componentId the {@code job} label's value unless {@code labels} sets one
   * @param labels the {@code labels} argument
   * @param rules the {@code relabel_rules}
   * @param asJson {@code format_as_json}
   */
  JournalEntryConverter(
      String componentId, Map<String, String> labels, List<Rule> rules, boolean asJson) {
    Labels.Builder b = Labels.builder().set("job", componentId);
    labels.forEach(b::set);
    this.base = b.build();
    this.rules = List.copyOf(rules);
    this.asJson = asJson;
    this.wanted = readLabels(this.rules);
  }

  /** The labels {@code rules} read, or null when a rule reads every label name. */
  private static Set<String> readLabels(List<Rule> rules) {
    Set<String> reads = new HashSet<>();
    for (Rule r : rules) {
      Action a = r.parsedAction().orElse(Action.LABELMAP);
      switch (a) {
        case LABELMAP, LABELDROP, LABELKEEP -> {
          return null;
        }
        case KEEPEQUAL, DROPEQUAL -> {
          reads.addAll(r.sourceLabels());
          reads.add(r.targetLabel());
        }
        default -> reads.addAll(r.sourceLabels());
      }
    }
    return reads;
  }

  /** Whether field {@code name} matters: the line, or a label some rule reads. */
  private boolean needed(String name) {
    if (wanted == null || asJson || name.equals("MESSAGE")) {
      return true;
    }
    return wanted.contains(labelName(name))
        || name.equals("PRIORITY") && wanted.contains(LABEL_PREFIX + "priority_keyword");
  }

  /** Forgets the previous entry's fields. */
  void reset() {
    count = 0;
    badField = false;
  }

  @Override
  public void field(MemorySegment data) {
    int n = (int) Math.min(data.byteSize(), Integer.MAX_VALUE - 8);
    if (buf.length < n) {
      buf = new byte[Math.max(n, buf.length * 2)];
    }
    MemorySegment.copy(data, JAVA_BYTE, 0, buf, 0, n);
    int eq = -1;
    for (int i = 0; i < n; i++) {
      if (buf[i] == '=') {
        eq = i;
        break;
      }
    }
    if (eq <= 0) {
      badField = true;
      return;
    }
    String name = new String(buf, 0, eq, StandardCharsets.ISO_8859_1);
    if (needed(name)) {
      add(name, new String(buf, eq + 1, n - eq - 1, StandardCharsets.UTF_8));
    }
  }

  /** Adds a field already decoded; for tests and for {@link #field}. */
  void add(String name, String value) {
    if (count == names.length) {
      names = Arrays.copyOf(names, count * 2);
      values = Arrays.copyOf(values, count * 2);
    }
    names[count] = name;
    values[count] = value;
    count++;
  }

  /**
   * Converts the fields added since {@link #reset()}.
   *
   * @param timestampNanos the entry's realtime timestamp
   */
  Result convert(long timestampNanos) {
    if (badField) {
      return Result.skipped(Skip.BAD_FIELD);
    }
    builder.reset();
    base.forEach(builder::set);
    String message = "";
    for (int i = 0; i < count; i++) {
      String name = names[i];
      String value = values[i];
      if (name.equals("PRIORITY")) {
        builder.set(LABEL_PREFIX + "priority_keyword", priorityKeyword(value));
      } else if (name.equals("MESSAGE")) {
        message = value;
      }
      String label = labelName(name);
      if (wanted == null || wanted.contains(label)) {
        builder.set(label, value);
      }
    }
    String line = asJson ? json() : message;
    if (line.isEmpty()) {
      return Result.skipped(Skip.NO_MESSAGE);
    }
    Optional<Labels> relabeled = relabeler.process(builder.build(), rules);
    if (relabeled.isEmpty()) {
      return Result.skipped(Skip.DROPPED);
    }
    Labels out = withoutInternal(relabeled.get());
    if (out.isEmpty()) {
      return Result.skipped(Skip.EMPTY_LABELS);
    }
    return Result.of(LogEntry.of(out, timestampNanos, line));
  }

  private String labelName(String field) {
    String n = labelNames.get(field);
    if (n == null) {
      n = LABEL_PREFIX + field.toLowerCase(Locale.ROOT);
      if (labelNames.size() < 4096) { // field names are few; a hostile journal cannot grow this
        labelNames.put(field, n);
      }
    }
    return n;
  }

  private Labels withoutInternal(Labels in) {
    boolean any = false;
    for (int i = 0; i < in.size(); i++) {
      if (in.name(i).startsWith("__")) {
        any = true;
        break;
      }
    }
    if (!any) {
      return in;
    }
    builder.reset();
    for (int i = 0; i < in.size(); i++) {
      if (!in.name(i).startsWith("__")) {
        builder.set(in.name(i), in.value(i));
      }
    }
    return builder.build();
  }

  /** Promtail's {@code json.Marshal(map[string]string)}: sorted keys, last duplicate wins. */
  private String json() {
    TreeMap<String, String> sorted = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      sorted.put(names[i], values[i]);
    }
    StringBuilder sb = new StringBuilder(256).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      appendQuoted(sb, e.getKey());
      sb.append(':');
      appendQuoted(sb, e.getValue());
    }
    return sb.append('}').toString();
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** A JSON string as Go's {@code encoding/json} writes it, HTML characters escaped. */
  static void appendQuoted(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicode(sb, c);
        default -> {
          if (c < 0x20) {
            unicode(sb, c);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void unicode(StringBuilder sb, char c) {
    sb.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }

  /** Promtail's keywords for syslog priorities 0..7; anything else is kept as is. */
  static String priorityKeyword(String priority) {
    return switch (priority) {
      case "0" -> "emerg";
      case "1" -> "alert";
      case "2" -> "crit";
      case "3" -> "error";
      case "4" -> "warning";
      case "5" -> "notice";
      case "6" -> "info";
      case "7" -> "debug";
      default -> priority;
    };
  }
}
