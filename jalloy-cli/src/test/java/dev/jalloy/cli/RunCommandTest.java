package dev.jalloy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jalloy run}: Alloy's flags, the same checks as validate, and no pretend pipeline. */
class RunCommandTest {
  @TempDir Path tmp;

  private static String quickstart() {
    return Cli.repoRoot().resolve("examples/quickstart.alloy").toString();
  }

  @Test
  void aValidConfigSaysTheRuntimeIsNotBuiltYet() {
    Cli.Result result = Cli.run("run", quickstart());
    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("component runtime is not built yet");
  }

  @Test
  void acceptsEveryFlagOfAlloyRun() {
    Cli.Result result =
        Cli.run(
            "run",
            "--server.http.listen-addr=0.0.0.0:9999",
            "--server.http.memory-addr=alloy.internal:12345",
            "--server.http.ui-path-prefix=/alloy",
            "--server.http.enable-pprof=false",
            "--server.http.disable-support-bundle",
            "--server.http.enable-graphql",
            "--server.http.enable-graphql-playground=true",
            "--storage.path=" + tmp,
            "--stability.level=public-preview",
            "--config.format=alloy",
            "--config.bypass-conversion-errors",
            "--config.extra-args=",
            "--disable-reporting",
            "--feature.community-components.enabled",
            "--feature.component-shutdown-deadline=1m",
            "--feature.prometheus.direct-fanout.enabled",
            "--cluster.enabled=false",
            "--cluster.node-name=node-a",
            "--cluster.advertise-address=127.0.0.1:12345",
            "--cluster.advertise-interfaces=all",
            "--cluster.join-addresses=a:1,b:2",
            "--cluster.discover-peers=provider=k8s",
            "--cluster.rejoin-interval=0s",
            "--cluster.max-join-peers=0",
            "--cluster.name=c",
            "--cluster.enable-tls=false",
            "--cluster.tls-ca-path=/ca",
            "--cluster.tls-cert-path=/cert",
            "--cluster.tls-key-path=/key",
            "--cluster.tls-server-name=peer",
            "--cluster.wait-for-size=2",
            "--cluster.wait-timeout=5m",
            "--windows.priority=normal",
            "--cluster.use-discovery-v1",
            "--feature.prometheus.metric-validation-scheme=legacy",
            quickstart());
    assertThat(result.err()).doesNotContain("Error");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void helpShowsTheDefaults() {
    Cli.Result result = Cli.run("run", "--help");
    assertThat(result.out())
        .contains("127.0.0.1:12345", "data-alloy/", "generally-available", "experimental");
  }

  @Test
  void anInvalidConfigFailsLikeValidate() throws IOException {
    Path config = tmp.resolve("config.alloy");
    Files.writeString(config, "logging {}\nlogging {}\n");
    Cli.Result result = Cli.run("run", config.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains(config + ":2:1: block logging already declared at " + config + ":1:1")
        .endsWith("Error: validation failed\n")
        .doesNotContain("not built yet");
  }
}
