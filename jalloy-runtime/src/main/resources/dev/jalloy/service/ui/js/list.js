// Component list page: every component with its health, filterable, refreshed periodically.

import * as api from './api.js';
import { h, healthBadge, healthState } from './dom.js';

const REFRESH_MS = 5000;
const STATES = ['healthy', 'unhealthy', 'unknown', 'exited'];

function matches(c, words) {
  const text = [c.localID, c.name, c.label, healthState(c), c.health?.message]
    .join(' ')
    .toLowerCase();
  return words.every((w) => text.includes(w));
}

function row(c, navigate) {
  const href = api.routes.component(api.globalId(c.moduleID, c.localID));
  return h(
    'tr',
    {
      class: 'clickable',
      dataset: { componentId: c.localID },
      onclick: (e) => {
        if (!e.target.closest('a')) navigate(href);
      },
    },
    h('td', { class: 'mono' }, h('a', { href, 'data-nav': true }, c.localID)),
    h('td', { class: 'mono' }, c.name),
    h('td', { class: 'mono' }, c.label ?? ''),
    h('td', null, healthBadge(c)),
    h('td', { class: 'health-message' }, c.health?.message ?? ''),
  );
}

export function mount(root, _params, { navigate }) {
  document.title = 'Components · jalloy';
  const query = new URLSearchParams(location.search);
  const filter = h('input', {
    type: 'search',
    class: 'filter',
    placeholder: 'Filter by id, name, label, health or message',
    'aria-label': 'Filter components',
    value: query.get('filter') ?? '',
  });
  const summary = h('div', { class: 'summary' });
  const status = h('span', { class: 'muted', role: 'status' });
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'components' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', null, 'ID'),
        h('th', null, 'Name'),
        h('th', null, 'Label'),
        h('th', null, 'Health'),
        h('th', null, 'Message'),
      ),
    ),
    tbody,
  );
  root.append(
    h('div', { class: 'page-head' }, h('h1', null, 'Components'), status),
    h('div', { class: 'toolbar' }, filter, summary),
    h('div', { class: 'card table-card' }, table),
  );

  let components = null;
  const render = () => {
    if (components === null) {
      tbody.replaceChildren(h('tr', null, h('td', { colspan: 5, class: 'empty' }, 'Loading…')));
      return;
    }
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = components.filter((c) => matches(c, words));
    tbody.replaceChildren(
      ...(shown.length
        ? shown.map((c) => row(c, navigate))
        : [
            h(
              'tr',
              null,
              h(
                'td',
                { colspan: 5, class: 'empty' },
                components.length ? 'No component matches the filter.' : 'No components are running.',
              ),
            ),
          ]),
    );
    const counts = Object.fromEntries(STATES.map((s) => [s, 0]));
    for (const c of components) counts[healthState(c)]++;
    summary.replaceChildren(
      h('span', { class: 'muted' }, `${shown.length} of ${components.length} shown`),
      ...STATES.filter((s) => counts[s] > 0).map((s) =>
        h('span', { class: `count health-${s}`, dataset: { health: s } }, h('i'), `${counts[s]} ${s}`),
      ),
    );
  };
  filter.addEventListener('input', () => {
    const url = new URL(location.href);
    if (filter.value) url.searchParams.set('filter', filter.value);
    else url.searchParams.delete('filter');
    history.replaceState(history.state, '', url);
    render();
  });

  const controller = new AbortController();
  const refresh = async () => {
    try {
      const next = await api.components(controller.signal);
      next.sort((a, b) => a.localID.localeCompare(b.localID));
      // Redraw only on change, so rows under the pointer or a text selection stay put.
      if (JSON.stringify(next) !== JSON.stringify(components)) {
        components = next;
        render();
      }
      status.textContent = `Updated ${new Date().toLocaleTimeString()}`;
      status.classList.remove('error');
    } catch (e) {
      if (controller.signal.aborted) return;
      status.textContent = `Could not load components: ${e.message}`;
      status.classList.add('error');
    }
  };
  render();
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  filter.focus();
  return () => {
    clearInterval(timer);
    controller.abort();
  };
}
