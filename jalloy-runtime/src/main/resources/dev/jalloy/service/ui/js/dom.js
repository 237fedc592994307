// Tiny DOM helpers: h() builds HTML elements, svg() builds SVG elements.
// Attributes: "class", "dataset" (object), "on<event>" (function), anything else via setAttribute.
// Children: strings, numbers, nodes, nested arrays; null, undefined and false are skipped.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'text') {
      el.textContent = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** "12s ago", "3m ago" ... for a past time; the absolute time goes in a title attribute. */
export function ago(date, now = new Date()) {
  const s = Math.round((now - date) / 1000);
  if (!Number.isFinite(s)) return '';
  if (s < 5) return 'just now';
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

const HEALTH_STATES = new Set(['healthy', 'unhealthy', 'unknown', 'exited']);

export function healthState(component) {
  const state = component?.health?.state;
  return HEALTH_STATES.has(state) ? state : 'unknown';
}

export function healthBadge(component) {
  const state = healthState(component);
  return h('span', { class: `badge health-${state}`, dataset: { health: state } }, state);
}
