package dev.jalloy.component.prometheus.scrape;

import dev.jalloy.model.Labels;
import dev.jalloy.syntax.go.GoDuration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a discovered target into what a scrape loop needs, as Prometheus' scrape/target.go {@code
 * PopulateLabels} and {@code Target.URL} do: defaults filled from the arguments, {@code instance}
 * from {@code __address__}, then every {@code __*} label dropped from the labels series carry.
 */
final class TargetLabels {
  private static final String PARAM_PREFIX = "__param_";

  private TargetLabels() {}

  /**
   * One resolved target.
   *
   * @param labels what every series of the target carries: {@code job}, {@code instance}, ...
   * @param address {@code __address__}
   * @param url where to scrape
   * @param interval how often
   * @param timeout how long one scrape may take
   */
  record Target(Labels labels, String address, String url, Duration interval, Duration timeout) {}

  /** The target, or empty when it has no {@code __address__} (Prometheus drops it). */
  static Optional<Target> build(Map<String, String> discovered, PrometheusScrape.Arguments args) {
    Labels.Builder b = Labels.builder();
    discovered.forEach(b::set);
    setIfMissing(b, "job", args.jobName());
    setIfMissing(b, "__scheme__", args.scheme());
    setIfMissing(b, "__metrics_path__", args.metricsPath());
    setIfMissing(b, "__scrape_interval__", GoDuration.format(args.scrapeInterval()));
    setIfMissing(b, "__scrape_timeout__", GoDuration.format(args.scrapeTimeout()));
    args.params()
        .forEach(
            (k, v) -> {
              if (!v.isEmpty()) {
                setIfMissing(b, PARAM_PREFIX + k, v.getFirst());
              }
            });
    String address = b.get("__address__");
    if (address.isEmpty()) {
      return Optional.empty();
    }
    setIfMissing(b, "instance", address);
    Duration interval = parseOr(b.get("__scrape_interval__"), args.scrapeInterval());
    Duration timeout = parseOr(b.get("__scrape_timeout__"), args.scrapeTimeout());
    if (timeout.compareTo(interval) > 0) {
      timeout = interval;
    }
    String url = b.get("__scheme__") + "://" + address + b.get("__metrics_path__") + query(b, args);
    for (String name : b.names()) {
      if (name.startsWith("__")) {
        b.delete(name);
      }
    }
    return Optional.of(new Target(b.build(), address, url, interval, timeout));
  }

  /** Go's url.Values.Encode of {@code params} with each {@code __param_<k>} as first value. */
  private static String query(Labels.Builder b, PrometheusScrape.Arguments args) {
    Map<String, List<String>> params = new TreeMap<>();
    args.params().forEach((k, v) -> params.put(k, new ArrayList<>(v)));
    for (String name : b.names()) {
      if (name.startsWith(PARAM_PREFIX)) {
        List<String> values =
            params.computeIfAbsent(name.substring(PARAM_PREFIX.length()), k -> new ArrayList<>());
        if (values.isEmpty()) {
          values.add(b.get(name));
        } else {
          values.set(0, b.get(name));
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    params.forEach(
        (k, values) -> {
          for (String v : values) {
            sb.append(sb.isEmpty() ? '?' : '&').append(escape(k)).append('=').append(escape(v));
          }
        });
    return sb.toString();
  }

  private static String escape(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void setIfMissing(Labels.Builder b, String name, String value) {
    if (b.get(name).isEmpty()) {
      b.set(name, value);
    }
  }

  private static Duration parseOr(String s, Duration fallback) {
    try {
      return GoDuration.parse(s);
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}
