package dev.jalloy.component.prometheus.scrape.textparse;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The exposition formats a scrape can ask for, with the Accept header Prometheus builds from them
 * (scrape/scrape.go {@code acceptHeader}) and the choice of parser from a response's Content-Type
 * (textparse.New).
 */
public enum ScrapeProtocol {
  PROMETHEUS_PROTO(
      "PrometheusProto",
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited",
      false),
  PROMETHEUS_TEXT_0_0_4("PrometheusText0.0.4", "text/plain;version=0.0.4", false),
  PROMETHEUS_TEXT_1_0_0("PrometheusText1.0.0", "text/plain;version=1.0.0", true),
  OPENMETRICS_TEXT_0_0_1(
      "OpenMetricsText0.0.1", "application/openmetrics-text;version=0.0.1", false),
  OPENMETRICS_TEXT_1_0_0(
      "OpenMetricsText1.0.0", "application/openmetrics-text;version=1.0.0", true);

  /** Alloy's default {@code scrape_protocols}. */
  public static final List<ScrapeProtocol> DEFAULTS =
      List.of(
          OPENMETRICS_TEXT_1_0_0,
          OPENMETRICS_TEXT_0_0_1,
          PROMETHEUS_TEXT_1_0_0,
          PROMETHEUS_TEXT_0_0_4);

  /** The Accept header for Alloy's defaults with the legacy name validation scheme. */
  public static final String DEFAULT_ACCEPT_HEADER = acceptHeader(DEFAULTS, "underscores");

  private final String configName;
  private final String mediaType;
  private final boolean takesEscaping;

  ScrapeProtocol(String configName, String mediaType, boolean takesEscaping) {
    this.configName = configName;
    this.mediaType = mediaType;
    this.takesEscaping = takesEscaping;
  }

  /** The name used in {@code scrape_protocols}, e.g. {@code OpenMetricsText1.0.0}. */
  public String configName() {
    return configName;
  }

  /** The protocol named {@code name} in {@code scrape_protocols}. */
  public static Optional<ScrapeProtocol> byConfigName(String name) {
    for (ScrapeProtocol p : values()) {
      if (p.configName.equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** True for the text formats parsed by {@link TextParser#openMetrics}. */
  public boolean isOpenMetrics() {
    return this == OPENMETRICS_TEXT_0_0_1 || this == OPENMETRICS_TEXT_1_0_0;
  }

  /**
   * The Accept header: each protocol in order with falling q-weights, the escaping scheme on the
   * formats that know it, and {@code *}/{@code *} last, as Prometheus sends it.
   */
  public static String acceptHeader(List<ScrapeProtocol> protocols, String escapingScheme) {
    StringBuilder sb = new StringBuilder();
    int weight = values().length + 1;
    for (ScrapeProtocol p : protocols) {
      sb.append(p.mediaType);
      if (p.takesEscaping) {
        sb.append(";escaping=").append(escapingScheme);
      }
      sb.append(";q=0.").append(weight).append(',');
      weight--;
    }
    return sb.append("*/*;q=0.").append(weight).toString();
  }

  /**
   * The protocol to parse a response with: OpenMetrics for {@code application/openmetrics-text},
   * the Prometheus text format for {@code text/plain}, protobuf for its media type, and {@code
   * fallback} when the header is missing, malformed or names anything else. Empty when there is no
   * fallback and the header does not decide (Prometheus then fails the scrape with "received
   * unsupported Content-Type %q and no fallback_scrape_protocol specified for target").
   */
  public static Optional<ScrapeProtocol> forContentType(
      String contentType, Optional<ScrapeProtocol> fallback) {
    int semi = contentType.indexOf(';');
    String media =
        (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return switch (media) {
      case "application/openmetrics-text" -> Optional.of(OPENMETRICS_TEXT_1_0_0);
      case "text/plain" -> Optional.of(PROMETHEUS_TEXT_0_0_4);
      case "application/vnd.google.protobuf" -> Optional.of(PROMETHEUS_PROTO);
      default -> fallback;
    };
  }

  /** A parser for {@code body} in this format; protobuf is not a text format and is refused. */
  public TextParser textParser(byte[] body, int offset, int length, StringCache cache) {
    return switch (this) {
      case OPENMETRICS_TEXT_0_0_1, OPENMETRICS_TEXT_1_0_0 ->
          TextParser.openMetrics(body, offset, length, cache);
      case PROMETHEUS_TEXT_0_0_4, PROMETHEUS_TEXT_1_0_0 ->
          TextParser.prometheus(body, offset, length, cache);
      case PROMETHEUS_PROTO ->
          throw new IllegalArgumentException("PrometheusProto is not a text format");
    };
  }
}
