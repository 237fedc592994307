package dev.jalloy.component.common.regex;

import com.google.re2j.JalloyRe2jAccess;
import com.google.re2j.JalloyRe2jAccess.Kind;
import com.google.re2j.JalloyRe2jAccess.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a backtracking match of an expression reads the input a bounded number of times
 * per character, so that {@link AnchoredProgram} can match it with no read budget and no fallback.
 *
 * <p>The proof is structural and deliberately narrow. The expression must be anchored at the start
 * of the text ({@code ^...}), so there is one attempt and not one per starting position. Flattened
 * through concatenations and groups, it must be a sequence of single runes, zero-width assertions,
 * repetitions of a single rune ({@code \w+}, {@code [^"]*?}, {@code \d{2,4}}), and alternations of
 * fixed rune sequences whose first runes differ ({@code GET|POST}, nested as re2j factors them).
 * Every repetition must be followed by something whose first rune it cannot match itself: {@code
 * \w+ }, {@code [^"]*"} or the end of the expression, but not {@code .*x} or {@code \w+\d}. Then a
 * repetition that gives a rune back meets a next item that fails on that rune at once, so each
 * backtracking step costs a constant number of reads, and there are at most as many steps as runes
 * consumed. Anything else keeps the read budget.
 */
final class LinearProof {
  private static final int MAX_RUNE = 0x10FFFF;

  /** One element of the flattened sequence; {@code set} is the runes it can start with. */
  private record Item(Kind kind, int[] set, boolean nullable) {
    static Item assertion(Kind kind) {
      return new Item(kind, new int[0], true);
    }
  }

  private LinearProof() {}

  /** Whether a backtracking match of {@code root} is anchored and linear in the input. */
  static boolean of(Node root) {
    List<Item> items = new ArrayList<>();
    if (!flatten(root, items) || items.isEmpty() || items.getFirst().kind() != Kind.BEGIN_TEXT) {
      return false;
    }
    for (int k = 0; k < items.size(); k++) {
      Item item = items.get(k);
      if (isRepetition(item.kind()) && !disjoint(item.set(), follow(items, k + 1))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The runes the items from {@code from} on can start with, up to the first one that must consume.
   */
  private static int[] follow(List<Item> items, int from) {
    List<Integer> ranges = new ArrayList<>();
    for (int j = from; j < items.size(); j++) {
      Item next = items.get(j);
      for (int r : next.set()) {
        ranges.add(r);
      }
      if (!next.nullable()) {
        break;
      }
    }
    return ranges.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean flatten(Node n, List<Item> items) {
    switch (n.kind()) {
      case CONCAT -> {
        for (Node sub : n.subs()) {
          if (!flatten(sub, items)) {
            return false;
          }
        }
      }
      case CAPTURE -> {
        return n.subs().size() == 1 && flatten(n.subs().getFirst(), items);
      }
      case EMPTY_MATCH -> {}
      case LITERAL -> {
        for (int r : n.runes()) {
          items.add(new Item(Kind.LITERAL, literalRanges(r, n.foldCase()), false));
        }
      }
      case CHAR_CLASS, ANY_CHAR, ANY_CHAR_NOT_NL, NO_MATCH ->
          items.add(new Item(n.kind(), oneRuneRanges(n), false));
      case BEGIN_TEXT, END_TEXT, BEGIN_LINE, END_LINE, WORD_BOUNDARY, NO_WORD_BOUNDARY ->
          items.add(Item.assertion(n.kind()));
      case STAR, PLUS, QUEST, REPEAT -> {
        if (n.subs().size() != 1 || !isOneRune(n.subs().getFirst())) {
          return false;
        }
        int min =
            switch (n.kind()) {
              case PLUS -> 1;
              case REPEAT -> n.min();
              default -> 0;
            };
        items.add(new Item(n.kind(), oneRuneRanges(n.subs().getFirst()), min == 0));
      }
      case ALTERNATE -> {
        return alternation(n, items);
      }
    }
    return true;
  }

  /** Branches of fixed runes only, none empty, no two starting with the same rune. */
  private static boolean alternation(Node n, List<Item> items) {
    List<int[]> firsts = new ArrayList<>();
    for (Node branch : n.subs()) {
      List<Item> branchItems = new ArrayList<>();
      if (!flatten(branch, branchItems) || branchItems.isEmpty()) {
        return false;
      }
      for (Item item : branchItems) {
        if (item.nullable() || isRepetition(item.kind())) {
          return false;
        }
      }
      int[] first = branchItems.getFirst().set();
      for (int[] other : firsts) {
        if (!disjoint(first, other)) {
          return false;
        }
      }
      firsts.add(first);
    }
    int size = firsts.stream().mapToInt(f -> f.length).sum();
    int[] union = new int[size];
    int at = 0;
    for (int[] f : firsts) {
      System.arraycopy(f, 0, union, at, f.length);
      at += f.length;
    }
    items.add(new Item(Kind.ALTERNATE, union, false));
    return true;
  }

  private static boolean isRepetition(Kind kind) {
    return kind == Kind.STAR || kind == Kind.PLUS || kind == Kind.QUEST || kind == Kind.REPEAT;
  }

  private static boolean isOneRune(Node n) {
    return switch (n.kind()) {
      case CHAR_CLASS, ANY_CHAR, ANY_CHAR_NOT_NL -> true;
      case LITERAL -> n.runes().length == 1;
      default -> false;
    };
  }

  /** The rune ranges (lo, hi pairs) a one-rune node matches. */
  static int[] oneRuneRanges(Node n) {
    return switch (n.kind()) {
      case CHAR_CLASS -> n.runes();
      case ANY_CHAR -> new int[] {0, MAX_RUNE};
      case ANY_CHAR_NOT_NL -> new int[] {0, '\n' - 1, '\n' + 1, MAX_RUNE};
      case LITERAL -> literalRanges(n.runes()[0], n.foldCase());
      default -> new int[0]; // NO_MATCH
    };
  }

  /** The rune ranges (lo, hi pairs) a literal rune matches, with its case folds. */
  static int[] literalRanges(int r, boolean foldCase) {
    int[] orbit = foldCase ? JalloyRe2jAccess.foldOrbit(r) : new int[] {r};
    int[] ranges = new int[2 * orbit.length];
    for (int i = 0; i < orbit.length; i++) {
      ranges[2 * i] = orbit[i];
      ranges[2 * i + 1] = orbit[i];
    }
    return ranges;
  }

  /** Whether two lists of lo, hi ranges (in any order) share no rune. */
  private static boolean disjoint(int[] a, int[] b) {
    for (int i = 0; i + 1 < a.length; i += 2) {
      for (int j = 0; j + 1 < b.length; j += 2) {
        if (a[i] <= b[j + 1] && b[j] <= a[i + 1]) {
          return false;
        }
      }
    }
    return true;
  }
}
