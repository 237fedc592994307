/**
 * Go RE2 regular expressions for the log path: {@link dev.jalloy.component.common.regex.GoRegex}
 * compiles with re2j (Go's syntax, error text and linear time) and, for expressions where a
 * backtracking engine gives the same answers, also with {@code java.util.regex}, which is several
 * times faster on short lines; a budget on the backtracking keeps the worst case linear. Anchored
 * expressions whose backtracking is provably linear (most log expressions) are matched by a small
 * program of their own, faster again.
 */
package dev.jalloy.component.common.regex;
