// Graph page: the pipeline as a left-to-right DAG in SVG; nodes coloured by health, each a link to
// its component page. Edges follow the data: from "dataFlowEdgesTo" when the server sends it
// (Alloy >= 1.7 semantics), otherwise from "referencesTo", drawn from the referenced component to
// the one that references it.

import * as api from './api.js';
import { layout } from './layout.js';
import { h, svg, healthState } from './dom.js';

const REFRESH_MS = 5000;
const NAME_FONT = '600 13px system-ui, sans-serif';
const LABEL_FONT = '12px system-ui, sans-serif';

let measureCtx;
function textWidth(text, font) {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  measureCtx.font = font;
  return measureCtx.measureText(text).width;
}

export function edgesOf(components) {
  const edges = [];
  const useDataFlow = components.some((c) => (c.dataFlowEdgesTo ?? []).length > 0);
  for (const c of components) {
    if (useDataFlow) {
      for (const to of c.dataFlowEdgesTo ?? []) edges.push({ from: c.localID, to });
    } else {
      for (const ref of c.referencesTo ?? []) edges.push({ from: ref, to: c.localID });
    }
  }
  return edges;
}

function pathData(points) {
  let d = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    const dx = (b.x - a.x) / 2;
    d += ` C${a.x + dx},${a.y} ${b.x - dx},${b.y} ${b.x},${b.y}`;
  }
  return d;
}

function draw(components, moduleId) {
  const byId = new Map(components.map((c) => [c.localID, c]));
  const nodes = components.map((c) => ({
    id: c.localID,
    width: Math.ceil(
      Math.max(140, textWidth(c.name, NAME_FONT), textWidth(c.label ?? '', LABEL_FONT)) + 36,
    ),
  }));
  const g = layout(nodes, edgesOf(components));
  const defs = svg(
    'defs',
    null,
    svg(
      'marker',
      {
        id: 'arrow',
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
      },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }),
    ),
  );
  const edges = g.edges.map((e) =>
    svg('path', {
      class: 'edge',
      d: pathData(e.points),
      'marker-end': 'url(#arrow)',
      dataset: { from: e.from, to: e.to },
    }),
  );
  const nodeEls = g.nodes.map((n) => {
    const c = byId.get(n.id);
    const state = healthState(c);
    const message = c.health?.message ? `\n${c.health.message}` : '';
    return svg(
      'a',
      {
        href: api.routes.component(api.globalId(moduleId, n.id)),
        class: `node health-${state}`,
        dataset: { id: n.id, health: state },
        'data-nav': true,
      },
      svg('title', null, `${n.id}\n${state}${message}`),
      svg('rect', { class: 'node-box', x: n.x, y: n.y, width: n.width, height: n.height, rx: 8 }),
      svg('rect', { class: 'node-stripe', x: n.x, y: n.y, width: 6, height: n.height, rx: 3 }),
      svg('text', { class: 'node-name', x: n.x + 18, y: n.y + 23 }, c.name),
      svg('text', { class: 'node-label', x: n.x + 18, y: n.y + 41 }, c.label ?? ''),
    );
  });
  return svg(
    'svg',
    {
      class: 'graph',
      width: g.width,
      height: g.height,
      viewBox: `0 0 ${g.width} ${g.height}`,
      role: 'img',
      'aria-label': 'Component graph',
    },
    defs,
    svg('g', { class: 'edges' }, edges),
    svg('g', { class: 'nodes' }, nodeEls),
  );
}

function structure(components) {
  const ids = components.map((c) => `${c.localID}:${c.name}:${c.label}`).sort();
  const edges = edgesOf(components).map((e) => `${e.from}>${e.to}`).sort();
  return JSON.stringify([ids, edges]);
}

export function mount(root, { module: moduleId = '' }) {
  document.title = moduleId ? `Graph of ${moduleId} · jalloy` : 'Graph · jalloy';
  const status = h('span', { class: 'muted', role: 'status' });
  const canvas = h('div', { class: 'graph-canvas' }, h('p', { class: 'muted' }, 'Loading…'));
  const legend = h(
    'div',
    { class: 'legend' },
    ['healthy', 'unhealthy', 'unknown', 'exited'].map((s) =>
      h('span', { class: `legend-item health-${s}` }, h('i'), s),
    ),
  );
  root.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, 'Graph', moduleId ? h('span', { class: 'mono muted' }, ` ${moduleId}`) : null),
      h('div', { class: 'page-head-side' }, legend, status),
    ),
    h(
      'p',
      { class: 'hint' },
      'Arrows show how data flows between components. Click a component to see its details.',
    ),
    canvas,
  );

  let shape = '';
  const controller = new AbortController();
  const refresh = async () => {
    try {
      const components = moduleId
        ? await api.moduleComponents(moduleId, controller.signal)
        : await api.components(controller.signal);
      const next = structure(components);
      if (components.length === 0) {
        canvas.replaceChildren(h('p', { class: 'empty' }, 'No components are running.'));
      } else if (next !== shape) {
        canvas.replaceChildren(draw(components, moduleId));
      } else {
        // Same graph: only recolour, so the view doesn't jump while someone is looking at it.
        const byId = new Map(components.map((c) => [c.localID, c]));
        for (const el of canvas.querySelectorAll('a.node')) {
          const state = healthState(byId.get(el.dataset.id));
          el.setAttribute('class', `node health-${state}`);
          el.dataset.health = state;
        }
      }
      shape = next;
      status.textContent = `${components.length} components · updated ${new Date().toLocaleTimeString()}`;
      status.classList.remove('error');
    } catch (e) {
      if (controller.signal.aborted) return;
      status.textContent = `Could not load components: ${e.message}`;
      status.classList.add('error');
    }
  };
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => {
    clearInterval(timer);
    controller.abort();
  };
}
