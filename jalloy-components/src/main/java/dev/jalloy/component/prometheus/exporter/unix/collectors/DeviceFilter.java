package dev.jalloy.component.prometheus.exporter.unix.collectors;

import com.google.re2j.Pattern;
import java.util.Optional;

/**
 * node_exporter's {@code deviceFilter}: a device is ignored when the exclude pattern matches it, or
 * when an include pattern is set and does not match. Patterns match anywhere in the name, as Go's
 * {@code MatchString} does; anchor them to match whole names.
 *
 * @param include devices to keep; empty keeps all that are not excluded
 * @param exclude devices to drop
 */
public record DeviceFilter(Optional<Pattern> include, Optional<Pattern> exclude) {
  /** A filter that keeps every device. */
  public static DeviceFilter all() {
    return new DeviceFilter(Optional.empty(), Optional.empty());
  }

  /** Whether the device is dropped. */
  public boolean ignored(String device) {
    if (exclude.isPresent() && exclude.get().matcher(device).find()) {
      return true;
    }
    return include.isPresent() && !include.get().matcher(device).find();
  }
}
