package dev.jalloy.syntax.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Every problem found in one pass over a configuration. Parsing, evaluation and decoding keep going
 * after a problem and add to this list, so a user sees all of them at once.
 */
public final class Diagnostics implements Iterable<Diagnostic> {
  private final List<Diagnostic> list = new ArrayList<>();

  public void add(Diagnostic diagnostic) {
    list.add(diagnostic);
  }

  public void addAll(Diagnostics other) {
    list.addAll(other.list);
  }

  public boolean hasErrors() {
    for (Diagnostic d : list) {
      if (d.isError()) {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public int size() {
    return list.size();
  }

  public List<Diagnostic> asList() {
    return Collections.unmodifiableList(list);
  }

  @Override
  public Iterator<Diagnostic> iterator() {
    return asList().iterator();
  }

  /** All messages in the one-line form, joined by {@code "; "}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : list) {
      if (!sb.isEmpty()) {
        sb.append("; ");
      }
      sb.append(d);
    }
    return sb.toString();
  }
}
