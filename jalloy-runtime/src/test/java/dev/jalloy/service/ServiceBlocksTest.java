package dev.jalloy.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.decode.BodyDecoder;
import dev.jalloy.syntax.decode.Decoded;
import dev.jalloy.syntax.parser.ParseResult;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.stdlib.Stdlib;
import dev.jalloy.syntax.token.SourceFile;
import dev.jalloy.syntax.value.Value;
import dev.jalloy.syntax.vm.Evaluator;
import dev.jalloy.syntax.vm.Scope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code http} and {@code livedebugging} blocks decode from Alloy syntax as upstream's do. */
class ServiceBlocksTest {
  private static final Scope SCOPE =
      Scope.root(new Stdlib(n -> Optional.empty(), "h", "1.0.0").identifiers())
          .child(Map.of("pw", Value.secret("s3cret")));

  private static <R> Decoded<R> decode(String source, Class<R> type) {
    SourceFile file = SourceFile.of("config.alloy", source);
    ParseResult parsed = Parser.parse(file);
    assertThat(parsed.diagnostics().asList()).isEmpty();
    BlockStmt block = (BlockStmt) parsed.file().body().getFirst();
    return new BodyDecoder(new Evaluator(file)).decodeArguments(block, type, SCOPE);
  }

  @Test
  void httpBlockWithAuthAndTls() {
    Decoded<HttpArguments> d =
        decode(
            """
            http {
              auth {
                basic {
                  username = "admin"
                  password = pw
                }
                filter {
                  paths = ["/metrics"]
                  authenticate_matching_paths = false
                }
              }
              tls {
                cert_file        = "/etc/alloy/cert.pem"
                key_file         = "/etc/alloy/key.pem"
                client_auth_type = "VerifyClientCertIfGiven"
                client_ca_file   = "/etc/alloy/ca.pem"
                min_version      = "TLS13"
              }
            }
            """,
            HttpArguments.class);
    assertThat(d.diagnostics().asList()).isEmpty();
    HttpArguments a = d.value().orElseThrow();
    HttpArguments.Auth auth = a.auth().orElseThrow();
    assertThat(auth.basic().orElseThrow().username()).isEqualTo("admin");
    assertThat(auth.basic().orElseThrow().password().value()).isEqualTo("s3cret");
    assertThat(auth.filter().orElseThrow())
        .isEqualTo(new HttpArguments.Filter(List.of("/metrics"), false));
    HttpArguments.Tls tls = a.tls().orElseThrow();
    assertThat(tls.certFile()).isEqualTo("/etc/alloy/cert.pem");
    assertThat(tls.clientAuthType()).isEqualTo("VerifyClientCertIfGiven");
    assertThat(tls.minVersion()).isEqualTo("TLS13");
    assertThat(tls.keyPem()).isEmpty();
  }

  @Test
  void emptyFilterKeepsTheDefaultOfAuthenticatingMatchingPaths() {
    Decoded<HttpArguments> d =
        decode(
            """
            http {
              auth {
                basic {
                  username = "a"
                  password = "b"
                }
                filter {}
              }
            }
            """,
            HttpArguments.class);
    assertThat(d.diagnostics().asList()).isEmpty();
    assertThat(d.value().orElseThrow().auth().orElseThrow().filter())
        .hasValue(HttpArguments.Filter.defaults());
  }

  @Test
  void livedebuggingIsOffUnlessEnabled() {
    Decoded<LiveDebuggingService.Arguments> empty =
        decode("livedebugging {}\n", LiveDebuggingService.Arguments.class);
    assertThat(empty.value()).hasValue(new LiveDebuggingService.Arguments(false));
    Decoded<LiveDebuggingService.Arguments> on =
        decode("livedebugging {\n  enabled = true\n}\n", LiveDebuggingService.Arguments.class);
    assertThat(on.value()).hasValue(new LiveDebuggingService.Arguments(true));
  }
}
