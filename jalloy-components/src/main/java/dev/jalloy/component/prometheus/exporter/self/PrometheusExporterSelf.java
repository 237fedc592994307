package dev.jalloy.component.prometheus.exporter.self;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jalloy.component.Component;
import dev.jalloy.component.HttpHandlerProvider;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.component.prometheus.exporter.Exporter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * {@code prometheus.exporter.self}: a target for scraping jalloy itself.
 *
 * <pre>
 * prometheus.exporter.self "default" {}
 * prometheus.scrape "self" {
 *   targets    = prometheus.exporter.self.default.targets
 *   forward_to = [prometheus.remote_write.default.receiver]
 * }
 * </pre>
 *
 * <p>Exports one target with job {@code integrations/self} and the host name as instance (Alloy's
 * {@code internal/component/prometheus/exporter/self}, whose {@code agent} integration keeps the
 * default instance key). Its {@code /metrics} serves the process-wide registry in the Prometheus
 * text format.
 */
public final class PrometheusExporterSelf
    implements Component<PrometheusExporterSelf.Arguments>, HttpHandlerProvider {
  /** How {@code prometheus.exporter.self} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.of(
          "prometheus.exporter.self",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          Exporter.Exports.class,
          PrometheusExporterSelf::new);

  /** No arguments and no blocks. */
  public record Arguments() {
    /** The only value. */
    public static Arguments defaults() {
      return new Arguments();
    }
  }

  private static final String EXPORTER_NAME = "self";

  private final Options options;

  PrometheusExporterSelf(Options options, Arguments arguments) {
    this.options = options;
    update(arguments);
  }

  @Override
  public void run(RunContext context) throws InterruptedException {
    context.awaitCancellation(); // nothing runs in the background: scrapes read the registry
  }

  /** Publishes the target again; as in Alloy, exports are recomputed on every update. */
  @Override
  public void update(Arguments arguments) {
    options.onStateChange(
        new Exporter.Exports(
            List.of(Exporter.baseTarget(options, EXPORTER_NAME, Exporter.defaultInstance()))));
  }

  @Override
  public HttpResponse handle(HttpRequest request) throws IOException {
    if (!request.path().equals("/metrics")) {
      return HttpResponse.text(404, "404 page not found\n"); // Go's NotFound text
    }
    StringWriter out = new StringWriter(16 * 1024);
    options.services().writeSelfMetrics(out); // the same content as /metrics, as in Alloy
    return new HttpResponse(
        200, "text/plain; version=0.0.4; charset=utf-8", out.toString().getBytes(UTF_8));
  }
}
