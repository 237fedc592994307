// Left-to-right layered layout of a directed graph (Sugiyama-style, kept simple):
//   1. layers by longest path from the sources (edges that close a cycle are ignored),
//   2. edges spanning several layers get a dummy node per crossed layer, so they can be routed
//      and take part in ordering,
//   3. order within each layer by barycentre sweeps, keeping the order with fewest crossings,
//   4. y coordinates pulled towards neighbours while keeping a minimum gap.
// Each connected part of the graph (one pipeline) is laid out on its own and the parts are stacked
// top to bottom, largest first; components connected to nothing go in a grid at the bottom.
// Pure functions, no DOM: layout(nodes, edges, options) -> { nodes, edges, width, height }.

const DEFAULTS = {
  nodeHeight: 54,
  layerGap: 90,
  nodeGap: 22,
  groupGap: 44,
  margin: 24,
  sweeps: 12,
  passes: 24,
};

/**
 * Layer index per node: the longest path from any source. Edges that close a cycle (back edges of
 * a depth-first search that starts at the sources) are left out; Alloy graphs have none, but a
 * broken one should still draw.
 */
export function layers(ids, edges) {
  const succs = new Map(ids.map((id) => [id, []]));
  const preds = new Map(ids.map((id) => [id, []]));
  for (const e of edges) {
    succs.get(e.from).push(e.to);
    preds.get(e.to).push(e.from);
  }
  const back = new Set();
  const state = new Map();
  const search = (id) => {
    state.set(id, 'open');
    for (const s of succs.get(id)) {
      if (state.get(s) === 'open') back.add(`${id}\u0000${s}`);
      else if (!state.has(s)) search(s);
    }
    state.set(id, 'done');
  };
  for (const id of ids) if (preds.get(id).length === 0 && !state.has(id)) search(id);
  for (const id of ids) if (!state.has(id)) search(id);

  const layer = new Map();
  const visit = (id) => {
    if (!layer.has(id)) {
      let l = 0;
      for (const p of preds.get(id)) if (!back.has(`${p}\u0000${id}`)) l = Math.max(l, visit(p) + 1);
      layer.set(id, l);
    }
    return layer.get(id);
  };
  ids.forEach(visit);
  return layer;
}

function crossings(upper, lower, down) {
  // Edges between two adjacent layers as (position above, position below) pairs.
  const pos = new Map(lower.map((n, i) => [n, i]));
  const pairs = [];
  upper.forEach((n, i) => {
    for (const m of down.get(n)) if (pos.has(m)) pairs.push([i, pos.get(m)]);
  });
  let count = 0;
  for (let a = 0; a < pairs.length; a++) {
    for (let b = a + 1; b < pairs.length; b++) {
      const [a1, a2] = pairs[a];
      const [b1, b2] = pairs[b];
      if ((a1 - b1) * (a2 - b2) < 0) count++;
    }
  }
  return count;
}

function totalCrossings(order, down) {
  let sum = 0;
  for (let i = 0; i + 1 < order.length; i++) sum += crossings(order[i], order[i + 1], down);
  return sum;
}

function sortByBarycentre(layer, neighbours, reference) {
  const pos = new Map(reference.map((n, i) => [n, i]));
  const keyed = layer.map((n, i) => {
    const ps = neighbours.get(n).filter((m) => pos.has(m)).map((m) => pos.get(m));
    // Nodes without neighbours on that side keep their place.
    const bary = ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : i;
    return { n, bary, i };
  });
  keyed.sort((a, b) => a.bary - b.bary || a.i - b.i);
  return keyed.map((k) => k.n);
}

/**
 * nodes: [{id, width}], edges: [{from, to}] with ids of nodes. Returns positioned nodes
 * ({id, x, y, width, height, layer}) and edges ({from, to, points: [{x, y}...]}) where points run
 * from the right side of "from" to the left side of "to".
 */
export function layout(nodes, edges, options = {}) {
  const o = { ...DEFAULTS, ...options };
  const known = new Set(nodes.map((n) => n.id));
  const seen = new Set();
  const real = edges.filter((e) => {
    const k = `${e.from}\u0000${e.to}`;
    if (e.from === e.to || !known.has(e.from) || !known.has(e.to) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });

  // Weakly connected parts, by union-find.
  const parent = new Map(nodes.map((n) => [n.id, n.id]));
  const find = (id) => {
    while (parent.get(id) !== id) id = parent.get(id);
    return id;
  };
  for (const e of real) parent.set(find(e.from), find(e.to));
  const parts = new Map();
  for (const n of nodes) {
    const root = find(n.id);
    if (!parts.has(root)) parts.set(root, { nodes: [], edges: [] });
    parts.get(root).nodes.push(n);
  }
  for (const e of real) parts.get(find(e.from)).edges.push(e);
  const groups = [...parts.values()].filter((p) => p.nodes.length > 1);
  const singles = [...parts.values()].filter((p) => p.nodes.length === 1).map((p) => p.nodes[0]);
  groups.sort((a, b) => b.nodes.length - a.nodes.length);

  const outNodes = [];
  const outEdges = [];
  let top = o.margin;
  let width = 0;
  let columns = 1;
  for (const group of groups) {
    const g = layoutConnected(group.nodes, group.edges, o);
    for (const n of g.nodes) outNodes.push({ ...n, x: n.x + o.margin, y: n.y + top });
    for (const e of g.edges) {
      outEdges.push({ ...e, points: e.points.map((p) => ({ x: p.x + o.margin, y: p.y + top })) });
    }
    top += g.height + o.groupGap;
    width = Math.max(width, g.width);
    columns = Math.max(columns, g.layers);
  }
  if (singles.length) {
    if (!groups.length) columns = Math.max(1, Math.ceil(Math.sqrt(singles.length)));
    const colWidth = Math.max(...singles.map((n) => n.width));
    singles.forEach((n, i) => {
      const col = i % columns;
      const row = Math.floor(i / columns);
      outNodes.push({
        id: n.id,
        width: n.width,
        height: o.nodeHeight,
        layer: 0,
        x: o.margin + col * (colWidth + o.layerGap) + (colWidth - n.width) / 2,
        y: top + row * (o.nodeHeight + o.nodeGap),
      });
    });
    const used = Math.min(columns, singles.length);
    width = Math.max(width, used * colWidth + (used - 1) * o.layerGap);
    top += Math.ceil(singles.length / columns) * (o.nodeHeight + o.nodeGap) - o.nodeGap + o.groupGap;
  }
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  outNodes.sort((a, b) => order.get(a.id) - order.get(b.id));
  return {
    nodes: outNodes,
    edges: outEdges,
    width: width + 2 * o.margin,
    height: Math.max(top - o.groupGap + o.margin, 2 * o.margin),
  };
}

/** Lays out one connected graph with its top-left corner at (0, 0). */
function layoutConnected(nodes, real, o) {
  const ids = nodes.map((n) => n.id);
  const layerOf = layers(ids, real);

  // Orient every edge forwards (a cycle's back edge is drawn reversed) and split long edges.
  const down = new Map(ids.map((id) => [id, []]));
  const up = new Map(ids.map((id) => [id, []]));
  const chains = [];
  let dummies = 0;
  for (const e of real) {
    let [a, b] = [e.from, e.to];
    if (layerOf.get(a) >= layerOf.get(b)) {
      if (layerOf.get(a) === layerOf.get(b)) {
        chains.push({ edge: e, path: [a, b] });
        continue;
      }
      [a, b] = [b, a];
    }
    const path = [a];
    for (let l = layerOf.get(a) + 1; l < layerOf.get(b); l++) {
      const d = `\u0000dummy${dummies++}`;
      layerOf.set(d, l);
      down.set(d, []);
      up.set(d, []);
      path.push(d);
    }
    path.push(b);
    for (let i = 0; i + 1 < path.length; i++) {
      down.get(path[i]).push(path[i + 1]);
      up.get(path[i + 1]).push(path[i]);
    }
    chains.push({ edge: e, path: a === e.from ? path : [...path].reverse() });
  }

  const layerCount = Math.max(0, ...layerOf.values()) + 1;
  let order = Array.from({ length: layerCount }, () => []);
  // Initial order: depth-first from the sources, so connected nodes start close together.
  const placed = new Set();
  const place = (n) => {
    if (placed.has(n)) return;
    placed.add(n);
    order[layerOf.get(n)].push(n);
    for (const m of down.get(n)) place(m);
  };
  [...ids].sort().forEach((id) => up.get(id).length === 0 && place(id));
  [...layerOf.keys()].forEach(place);

  let best = order.map((l) => [...l]);
  let bestCount = totalCrossings(best, down);
  for (let s = 0; s < o.sweeps && bestCount > 0; s++) {
    if (s % 2 === 0) {
      for (let i = 1; i < layerCount; i++) order[i] = sortByBarycentre(order[i], up, order[i - 1]);
    } else {
      for (let i = layerCount - 2; i >= 0; i--) {
        order[i] = sortByBarycentre(order[i], down, order[i + 1]);
      }
    }
    const count = totalCrossings(order, down);
    if (count < bestCount) {
      best = order.map((l) => [...l]);
      bestCount = count;
    }
  }
  order = best;

  // x: one column per layer, as wide as its widest node.
  const width = new Map(nodes.map((n) => [n.id, n.width]));
  const colWidth = order.map((l) => Math.max(0, ...l.map((n) => width.get(n) ?? 0)));
  const colX = [];
  let x = 0;
  for (let i = 0; i < layerCount; i++) {
    colX.push(x);
    x += colWidth[i] + o.layerGap;
  }

  // y: start stacked, then pull each node towards the mean of its neighbours, keeping the gap.
  const size = (n) => (n.startsWith('\u0000') ? 0 : o.nodeHeight);
  const y = new Map();
  const stack = (layer, wanted) => {
    let next = -Infinity;
    for (const n of layer) {
      const top = Math.max(wanted(n), next);
      y.set(n, top);
      next = top + size(n) + (size(n) ? o.nodeGap : o.nodeGap / 2);
    }
    // Shift back so the layer is centred on what it wanted, not pushed down by the gaps.
    const shift = layer.reduce((s, n) => s + (y.get(n) - wanted(n)), 0) / (layer.length || 1);
    for (const n of layer) y.set(n, y.get(n) - shift);
  };
  const tallest = Math.max(
    0,
    ...order.map((l) => l.reduce((s, n) => s + size(n) + o.nodeGap, -o.nodeGap)),
  );
  order.forEach((l) => {
    let top = (tallest - l.reduce((s, n) => s + size(n) + o.nodeGap, -o.nodeGap)) / 2;
    for (const n of l) {
      y.set(n, top);
      top += size(n) + o.nodeGap;
    }
  });
  const centre = (n) => y.get(n) + size(n) / 2;
  const meanOf = (n, neighbours) => {
    const ns = neighbours.get(n);
    if (!ns.length) return y.get(n);
    return ns.reduce((s, m) => s + centre(m), 0) / ns.length - size(n) / 2;
  };
  for (let pass = 0; pass < o.passes; pass++) {
    const range = pass % 2 === 0 ? [...order.keys()] : [...order.keys()].reverse();
    for (const i of range) {
      stack(order[i], (n) => {
        const a = up.get(n).length ? meanOf(n, up) : null;
        const b = down.get(n).length ? meanOf(n, down) : null;
        if (a !== null && b !== null) return (a + b) / 2;
        return a ?? b ?? y.get(n);
      });
    }
  }
  const minY = Math.min(...[...y.values()]);
  for (const [n, v] of y) y.set(n, v - minY);

  const outNodes = nodes.map((n) => ({
    id: n.id,
    width: n.width,
    height: o.nodeHeight,
    layer: layerOf.get(n.id),
    x: colX[layerOf.get(n.id)] + (colWidth[layerOf.get(n.id)] - n.width) / 2,
    y: y.get(n.id),
  }));
  const box = new Map(outNodes.map((n) => [n.id, n]));
  const outEdges = chains.map(({ edge, path }) => {
    const forward = layerOf.get(path[0]) <= layerOf.get(path[path.length - 1]);
    const points = path.map((n, i) => {
      if (n.startsWith('\u0000')) {
        const l = layerOf.get(n);
        return { x: colX[l] + colWidth[l] / 2, y: y.get(n) };
      }
      const b = box.get(n);
      const leaving = i === 0;
      // Forward edges leave on the right and enter on the left; reversed ones the other way.
      const right = leaving === forward;
      return { x: right ? b.x + b.width : b.x, y: b.y + b.height / 2 };
    });
    return { from: edge.from, to: edge.to, points };
  });
  const maxX = Math.max(0, ...outNodes.map((n) => n.x + n.width));
  const maxY = Math.max(0, ...outNodes.map((n) => n.y + n.height), ...[...y.values()]);
  return { nodes: outNodes, edges: outEdges, width: maxX, height: maxY, layers: layerCount };
}
