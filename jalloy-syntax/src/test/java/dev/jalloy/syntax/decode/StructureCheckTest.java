package dev.jalloy.syntax.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.syntax.ast.BlockStmt;
import dev.jalloy.syntax.diag.Diagnostic;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.token.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same body problems the decoder finds, found without evaluating any expression. */
class StructureCheckTest {

  private static List<String> check(String source, Class<?> type) {
    SourceFile file = SourceFile.of("test.alloy", source);
    BlockStmt block = (BlockStmt) Parser.parse(file).file().body().getFirst();
    return StructureCheck.check(block.body(), type, file, block.namePos(), block.lcurlyPos())
        .asList()
        .stream()
        .map(Diagnostic::toString)
        .toList();
  }

  @Test
  void referencesToUnknownComponentsAreNotItsBusiness() {
    assertThat(
            check(
                """
                s {
                  targets    = some.component.that.may.exist
                  forward_to = [whatever.receiver]
                  endpoint { url = sys.env("X") }
                }
                """,
                BodyDecoderTest.Args.class))
        .isEmpty();
  }

  @Test
  void reportsWhatTheDecoderWouldWithoutEvaluating() {
    assertThat(
            check(
                """
                s {
                  targets = undefined.thing
                  bogus   = 1
                  targets = 2
                  endpoint { }
                  tls_config { }
                  tls_config { }
                  rule "x" { }
                  scrape_interval { }
                }
                """,
                BodyDecoderTest.Args.class))
        .containsExactly(
            "test.alloy:3:3: unrecognized attribute name \"bogus\"",
            "test.alloy:4:3: attribute \"targets\" may only be provided once",
            "test.alloy:5:3: missing required attribute \"url\"",
            "test.alloy:7:3: block \"tls_config\" may only be specified once",
            "test.alloy:8:3: block \"rule\" does not support specifying labels",
            "test.alloy:9:3: \"scrape_interval\" must be an attribute, but is used as a block",
            "test.alloy:1:1: missing required attribute \"forward_to\"");
  }

  @Test
  void enumBlocksAreCheckedByTheirOwnRecord() {
    assertThat(
            check(
                "p {\n forward_to = []\n stage.json { }\n stage.regex { expression = \"x\" }\n}\n",
                BodyDecoderTest.Process.class))
        .containsExactly("test.alloy:3:2: missing required attribute \"expressions\"");
  }
}
