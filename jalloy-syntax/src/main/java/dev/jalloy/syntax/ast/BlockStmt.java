package dev.jalloy.syntax.ast;

import java.util.List;

/**
 * {@code name.fragments "label" { body }}.
 *
 * @param name the dotted name fragments, e.g. {@code [prometheus, scrape]}
 * @param namePos byte offset of the first fragment
 * @param label the label without quotes, empty when the block has none
 * @param labelPos byte offset of the label's opening quote, or -1 without a label
 * @param body the statements inside the braces
 * @param lcurlyPos byte offset of '{'
 * @param rcurlyPos byte offset of '}'
 */
public record BlockStmt(
    List<String> name,
    int namePos,
    String label,
    int labelPos,
    List<Stmt> body,
    int lcurlyPos,
    int rcurlyPos)
    implements Stmt {

  public BlockStmt {
    name = List.copyOf(name);
    body = List.copyOf(body);
  }

  /** The dotted name, e.g. {@code prometheus.scrape}. */
  public String fullName() {
    return String.join(".", name);
  }

  public boolean hasLabel() {
    return labelPos >= 0;
  }

  /** The component id form: {@code name.label}, or just the name without a label. */
  public String id() {
    return label.isEmpty() ? fullName() : fullName() + "." + label;
  }

  @Override
  public int start() {
    return namePos;
  }

  @Override
  public int end() {
    return rcurlyPos + 1;
  }
}
