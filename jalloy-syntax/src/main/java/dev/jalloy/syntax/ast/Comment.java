package dev.jalloy.syntax.ast;

/**
 * A comment exactly as written, {@code //...} or {@code /*...*}{@code /}.
 *
 * @param start byte offset of its first '/'
 * @param text the comment text including its markers (carriage returns removed)
 */
public record Comment(int start, String text) {}
