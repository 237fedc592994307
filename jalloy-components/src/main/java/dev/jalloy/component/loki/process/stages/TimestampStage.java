package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stage.timestamp}: parses the source value with the format, then the fallback formats. On
 * failure {@code fudge} sets the timestamp to the last one parsed for the same label set plus 1 ns
 * (nothing changes if none was parsed yet); {@code skip} keeps the entry's timestamp.
 */
final class TimestampStage implements Stage {
  /** Alloy's {@code maxLastKnownTimestampsCacheSize}. */
  private static final int MAX_STREAMS = 10_000;

  /** A parser of one format. */
  @FunctionalInterface
  interface TimeParser {
    Instant parse(String value);
  }

  private final String source;
  private final List<TimeParser> parsers = new ArrayList<>();
  private final boolean fudge;
  private final StageContext context;
  private final Map<String, Long> lastKnown =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_STREAMS;
        }
      };

  TimestampStage(TimestampConfig config, StageContext context) {
    Optional<ZoneId> zone = config.zone();
    this.source = config.source();
    this.context = context;
    this.fudge = !config.actionOnFailure().equals("skip");
    parsers.add(parser(config.format(), zone, context.clock()));
    for (String f : config.fallbackFormats()) {
      parsers.add(parser(f, zone, context.clock()));
    }
  }

  @Override
  public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
    Optional<Instant> parsed = parse(entry);
    String key = entry.labels.toString();
    if (parsed.isPresent()) {
      Instant t = parsed.get();
      entry.timestampNanos = t.getEpochSecond() * 1_000_000_000L + t.getNano();
      if (fudge) {
        lastKnown.put(key, entry.timestampNanos);
      }
    } else if (fudge) {
      Long last = lastKnown.get(key);
      if (last != null) {
        entry.timestampNanos = last + 1;
        lastKnown.put(key, entry.timestampNanos);
      }
    }
    next.emit(entry);
  }

  private Optional<Instant> parse(PipelineEntry entry) {
    if (!entry.extracted.containsKey(source)) {
      return Optional.empty();
    }
    Optional<String> value = ExtractedValues.asString(entry.extracted.get(source));
    if (value.isEmpty()) {
      return Optional.empty();
    }
    for (TimeParser p : parsers) {
      try {
        return Optional.of(p.parse(value.get()));
      } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
        // try the next format
      }
    }
    context.logger().debug("msg=\"failed to parse time\" format={} value={}", source, value.get());
    return Optional.empty();
  }

  /** Alloy's {@code convertDateLayout}: a named format, a Unix epoch format or a Go layout. */
  static TimeParser parser(String format, Optional<ZoneId> location, Clock clock) {
    String named = namedLayout(format);
    if (named != null) {
      GoTimeLayout layout = GoTimeLayout.of(named);
      return v -> layout.parseInstant(v, ZoneOffset.UTC);
    }
    switch (format) {
      case "Unix" -> {
        return TimestampStage::parseUnix;
      }
      case "UnixMs" -> {
        return v -> Instant.EPOCH.plusNanos(Math.multiplyExact(Long.parseLong(v), 1_000_000L));
      }
      case "UnixUs" -> {
        return v -> Instant.EPOCH.plusNanos(Math.multiplyExact(Long.parseLong(v), 1_000L));
      }
      case "UnixNs" -> {
        return v -> Instant.EPOCH.plusNanos(Long.parseLong(v));
      }
      default -> {}
    }
    GoTimeLayout layout = GoTimeLayout.of(format);
    ZoneId zone = location.orElse(ZoneOffset.UTC);
    if (!GoTimeLayout.hasYear(format)) {
      return v -> {
        ZonedDateTime t = layout.parse(v, zone);
        if (t.getYear() != 0) {
          throw new DateTimeException(
              "timestamp '" + v + "' is expected to not contain the year date component");
        }
        ZonedDateTime now = clock.instant().atZone(zone);
        int year = now.getYear();
        if (now.getMonth() == Month.JANUARY && t.getMonth() == Month.DECEMBER) {
          year--;
        } else if (now.getMonth() == Month.DECEMBER && t.getMonth() == Month.JANUARY) {
          year++;
        }
        return t.plusYears(year).toInstant();
      };
    }
    return v -> layout.parseInstant(v, zone);
  }

  private static Instant parseUnix(String v) {
    int dot = v.indexOf('.');
    if (dot >= 0 && v.indexOf('.', dot + 1) < 0) {
      long sec = Long.parseLong(v.substring(0, dot));
      String fracText = v.substring(dot + 1);
      long frac = Long.parseLong(fracText);
      long nsec = (long) (frac * Math.pow(10, 9 - fracText.length()));
      return Instant.ofEpochSecond(sec, nsec);
    }
    return Instant.ofEpochSecond(Long.parseLong(v));
  }

  /** Go's layout constants for Alloy's named formats, or null. */
  static String namedLayout(String name) {
    return switch (name) {
      case "ANSIC" -> "Mon Jan _2 15:04:05 2006";
      case "UnixDate" -> "Mon Jan _2 15:04:05 MST 2006";
      case "RubyDate" -> "Mon Jan 02 15:04:05 -0700 2006";
      case "RFC822" -> "02 Jan 06 15:04 MST";
      case "RFC822Z" -> "02 Jan 06 15:04 -0700";
      case "RFC850" -> "Monday, 02-Jan-06 15:04:05 MST";
      case "RFC1123" -> "Mon, 02 Jan 2006 15:04:05 MST";
      case "RFC1123Z" -> "Mon, 02 Jan 2006 15:04:05 -0700";
      case "RFC3339" -> "2006-01-02T15:04:05Z07:00";
      case "RFC3339Nano" -> "2006-01-02T15:04:05.999999999Z07:00";
      default -> null;
    };
  }
}
