package dev.jalloy.syntax.printer;

import dev.jalloy.syntax.ast.File;

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
