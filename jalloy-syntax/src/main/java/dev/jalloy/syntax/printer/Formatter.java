package dev.jalloy.syntax.printer;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jalloy.syntax.ast.File;
import dev.jalloy.syntax.parser.ParseResult;
import dev.jalloy.syntax.parser.Parser;
import dev.jalloy.syntax.token.SourceFile;

/**
 * Formats a parsed file in the canonical layout of {@code alloy fmt}, byte for byte: tabs for
 * indentation, {@code =} aligned across runs of attributes, blank lines and line breaks kept where
 * the source had them, comments kept in place, literals re-emitted exactly as written.
 */
public final class Formatter {
  private Formatter() {}

  /**
   * The formatted text of a file, ending with exactly one newline (what {@code alloy fmt} writes).
   * The file must have parsed without errors; the result of formatting a tree built with recovered
   * errors is unspecified.
   */
  public static String format(File file) {
    String once = formatOnce(file);
    if (!MultilineOperators.present(file)) {
      return once;
    }
    // Alloy's printer joins an operator expression written across lines onto one line, but
    // only aligns it with its neighbours on the next run, so `alloy fmt` is not idempotent on
    // such files. jalloy promises idempotence: format the result once more. The second pass is
    // the Alloy-identical layout of the first pass's output, so `fmt --test` still agrees with
    // Alloy on every file Alloy considers formatted.
    ParseResult again = Parser.parse(new SourceFile(file.name(), once.getBytes(UTF_8)));
    return again.hasErrors() ? once : formatOnce(again.file());
  }

  private static String formatOnce(File file) {
    byte[] source = file.source().bytes();
    LineTable lines = new LineTable(source);
    Printer printer = new Printer(lines, source.length + source.length / 8 + 64);
    new Walker(printer, lines).walkFile(file);
    printer.finish();

    ByteBuf tokens = printer.output();
    ByteBuf result = new ByteBuf(tokens.length() + 1);
    TabWriter tabWriter = new TabWriter(new Trimmer(result));
    tabWriter.write(tokens.array(), 0, tokens.length());
    tabWriter.flush();
    result.add((byte) '\n');
    return result.toUtf8();
  }
}
