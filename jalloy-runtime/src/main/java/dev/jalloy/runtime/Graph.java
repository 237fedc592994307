package dev.jalloy.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A directed graph of node ids where an edge {@code a -> b} means "a references b" (a depends on
 * b). Gives evaluation order (dependencies first), dependants, and the cycles that make a graph
 * unusable.
 */
final class Graph {
  private final Map<String, Set<String>> dependencies = new LinkedHashMap<>();
  private final Map<String, Set<String>> dependants = new HashMap<>();
  private final Map<String, Set<String>> dataFlow = new HashMap<>();

  void addNode(String id) {
    dependencies.computeIfAbsent(id, k -> new LinkedHashSet<>());
    dependants.computeIfAbsent(id, k -> new LinkedHashSet<>());
  }

  void addEdge(String from, String to) {
    dependencies.get(from).add(to);
    dependants.get(to).add(from);
  }

  /**
   * Records which way data moves along a reference: into the referencing component when it reads
   * the other's exports, out of it when it forwards to the other's receiver.
   */
  void addDataFlow(String from, String to) {
    dataFlow.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
  }

  Set<String> dataFlowFrom(String id) {
    return Collections.unmodifiableSet(dataFlow.getOrDefault(id, Set.of()));
  }

  Set<String> nodes() {
    return Collections.unmodifiableSet(dependencies.keySet());
  }

  Set<String> dependenciesOf(String id) {
    return Collections.unmodifiableSet(dependencies.getOrDefault(id, Set.of()));
  }

  Set<String> dependantsOf(String id) {
    return Collections.unmodifiableSet(dependants.getOrDefault(id, Set.of()));
  }

  /**
   * Node ids ordered so that every node comes after the nodes it depends on; among nodes free to
   * go, file order is kept. Only meaningful for an acyclic graph.
   */
  List<String> topologicalOrder() {
    Map<String, Integer> remaining = new HashMap<>();
    Deque<String> ready = new ArrayDeque<>();
    for (Map.Entry<String, Set<String>> e : dependencies.entrySet()) {
      remaining.put(e.getKey(), e.getValue().size());
      if (e.getValue().isEmpty()) {
        ready.add(e.getKey());
      }
    }
    List<String> order = new ArrayList<>(dependencies.size());
    while (!ready.isEmpty()) {
      String id = ready.poll();
      order.add(id);
      for (String dependant : dependants.get(id)) {
        if (remaining.merge(dependant, -1, Integer::sum) == 0) {
          ready.add(dependant);
        }
      }
    }
    return order;
  }

  /**
   * The strongly connected components with more than one node (Tarjan's algorithm, iterative so a
   * long chain cannot overflow the stack), each in file order.
   */
  List<List<String>> cycles() {
    List<String> ids = new ArrayList<>(dependencies.keySet());
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      position.put(ids.get(i), i);
    }
    int n = ids.size();
    int[] index = new int[n];
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    java.util.Arrays.fill(index, -1);
    Deque<Integer> stack = new ArrayDeque<>();
    List<List<String>> result = new ArrayList<>();
    int counter = 0;
    List<int[]> adjacency = new ArrayList<>(n);
    for (String id : ids) {
      adjacency.add(dependencies.get(id).stream().mapToInt(position::get).toArray());
    }
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      Deque<int[]> work = new ArrayDeque<>(); // {node, next edge index}
      work.push(new int[] {root, 0});
      index[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = true;
      while (!work.isEmpty()) {
        int[] frame = work.peek();
        int v = frame[0];
        if (frame[1] < adjacency.get(v).length) {
          int w = adjacency.get(v)[frame[1]++];
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = true;
            work.push(new int[] {w, 0});
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          int parent = work.peek()[0];
          low[parent] = Math.min(low[parent], low[v]);
        }
        if (low[v] == index[v]) {
          List<Integer> component = new ArrayList<>();
          int w;
          do {
            w = stack.pop();
            onStack[w] = false;
            component.add(w);
          } while (w != v);
          if (component.size() > 1) {
            Collections.sort(component);
            result.add(component.stream().map(ids::get).toList());
          }
        }
      }
    }
    result.sort((a, b) -> Integer.compare(position.get(a.getFirst()), position.get(b.getFirst())));
    return result;
  }
}
