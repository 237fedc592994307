package dev.jalloy.component.all;

import dev.jalloy.component.Registration;
import dev.jalloy.component.discovery.file.DiscoveryFile;
import dev.jalloy.component.discovery.relabel.DiscoveryRelabel;
import dev.jalloy.component.local.file.LocalFile;
import dev.jalloy.component.local.filematch.LocalFileMatch;
import dev.jalloy.component.loki.echo.LokiEcho;
import dev.jalloy.component.loki.process.LokiProcess;
import dev.jalloy.component.loki.relabel.LokiRelabel;
import dev.jalloy.component.loki.source.api.LokiSourceApi;
import dev.jalloy.component.loki.source.file.LokiSourceFile;
import dev.jalloy.component.loki.source.journal.LokiSourceJournal;
import dev.jalloy.component.loki.write.LokiWrite;
import dev.jalloy.component.prometheus.exporter.self.PrometheusExporterSelf;
import dev.jalloy.component.prometheus.exporter.unix.PrometheusExporterUnix;
import dev.jalloy.component.prometheus.receive.http.PrometheusReceiveHttp;
import dev.jalloy.component.prometheus.relabel.PrometheusRelabel;
import dev.jalloy.component.prometheus.remotewrite.PrometheusRemoteWrite;
import dev.jalloy.component.prometheus.scrape.PrometheusScrape;
import java.util.List;

/**
 * Every built-in component, by registration. Adding a component means adding it here, and a minimal
 * configuration for it in {@code BuiltinComponentsTest}; there is no classpath scanning.
 */
public final class BuiltinComponents {
  private BuiltinComponents() {}

  /** The registrations, sorted by name. */
  public static List<Registration<?>> all() {
    return List.of(
        DiscoveryFile.REGISTRATION,
        DiscoveryRelabel.REGISTRATION,
        LocalFile.REGISTRATION,
        LocalFileMatch.REGISTRATION,
        LokiEcho.REGISTRATION,
        LokiProcess.REGISTRATION,
        LokiRelabel.REGISTRATION,
        LokiSourceApi.REGISTRATION,
        LokiSourceFile.REGISTRATION,
        LokiSourceJournal.REGISTRATION,
        LokiWrite.REGISTRATION,
        PrometheusExporterSelf.REGISTRATION,
        PrometheusExporterUnix.REGISTRATION,
        PrometheusReceiveHttp.REGISTRATION,
        PrometheusRelabel.REGISTRATION,
        PrometheusRemoteWrite.REGISTRATION,
        PrometheusScrape.REGISTRATION);
  }
}
