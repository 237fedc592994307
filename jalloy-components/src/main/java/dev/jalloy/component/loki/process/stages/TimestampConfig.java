package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * {@code stage.timestamp}: sets the entry's timestamp from an extracted value. Follows Alloy's
 * {@code stages/timestamp.go} and {@code convertDateLayout} in {@code stages/util.go}.
 *
 * @param source the extracted key holding the time
 * @param format a Go layout or a named format ({@code RFC3339}, {@code Unix}, ...)
 * @param fallbackFormats tried in order when {@code format} fails
 * @param location IANA zone for values without one
 * @param actionOnFailure {@code fudge} (default) or {@code skip}
 */
@BlockName("timestamp")
public record TimestampConfig(
    @Attr("source") String source,
    @Attr("format") String format,
    @Attr(value = "fallback_formats", optional = true) List<String> fallbackFormats,
    @Attr(value = "location", optional = true) Optional<String> location,
    @Attr(value = "action_on_failure", optional = true) String actionOnFailure)
    implements StageConfig, Validated {

  /** Alloy's defaults. */
  public static TimestampConfig defaults() {
    return new TimestampConfig("", "", List.of(), Optional.empty(), "fudge");
  }

  @Override
  public void validate() {
    zone();
  }

  /** Checks the configuration; the location, if one is set. */
  Optional<ZoneId> zone() {
    if (source.isEmpty()) {
      throw new IllegalArgumentException(
          "timestamp source value is required if timestamp is specified");
    }
    if (format.isEmpty()) {
      throw new IllegalArgumentException("timestamp format is required");
    }
    Optional<ZoneId> zone = location.map(TimestampConfig::loadLocation);
    if (!actionOnFailure.isEmpty()
        && !actionOnFailure.equals("skip")
        && !actionOnFailure.equals("fudge")) {
      throw new IllegalArgumentException(
          "invalid action on failure (supported values are [skip fudge])");
    }
    return zone;
  }

  /** Go's {@code time.LoadLocation}. */
  private static ZoneId loadLocation(String name) {
    if (name.isEmpty() || name.equals("UTC")) {
      return ZoneOffset.UTC;
    }
    if (name.equals("Local")) {
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "invalid location specified: %v: unknown time zone " + name, e);
    }
  }

  @Override
  public Stage build(StageContext context) {
    return new TimestampStage(this, context);
  }
}
