// Component page: health, references, and the arguments, exports and debug info as Alloy syntax.

import * as api from './api.js';
import { renderBody, hasBody } from './alloy.js';
import { h, ago, healthBadge } from './dom.js';

const REFRESH_MS = 5000;

/** Links to components or module graphs; ids are shown as written, hrefs are qualified. */
function links(ids, empty, href) {
  if (!ids?.length) return h('p', { class: 'muted' }, empty);
  return h(
    'ul',
    { class: 'links' },
    ids.map((id) => h('li', null, h('a', { class: 'mono', href: href(id), 'data-nav': true }, id))),
  );
}

function section(id, title, content) {
  return h('section', { class: 'card', id }, h('h2', null, title), content);
}

function render(c) {
  const id = api.globalId(c.moduleID, c.localID);
  const component = (ref) => api.routes.component(api.globalId(c.moduleID, ref));
  const updated = c.health?.updatedTime ? new Date(c.health.updatedTime) : null;
  const validTime = updated && !Number.isNaN(updated.getTime()) && updated.getFullYear() > 1;
  const actions = h(
    'div',
    { class: 'actions' },
    c.liveDebuggingEnabled
      ? h(
          'a',
          { class: 'button primary', href: api.routes.debug(id), 'data-nav': true },
          'Live debugging',
        )
      : null,
    h('a', { class: 'button', href: api.routes.graph(c.moduleID), 'data-nav': true }, 'Graph'),
  );
  const head = h(
    'div',
    { class: 'page-head' },
    h(
      'div',
      null,
      h(
        'h1',
        { class: 'mono' },
        c.name,
        c.label ? h('span', { class: 'tok-label' }, ` "${c.label}"`) : null,
      ),
      h('div', { class: 'muted mono component-id' }, id),
    ),
    actions,
  );
  const health = h(
    'section',
    { class: 'card health-card', id: 'health' },
    h('h2', null, 'Health'),
    h(
      'div',
      { class: 'health-line' },
      healthBadge(c),
      h('span', { class: 'health-message' }, c.health?.message || 'No message'),
    ),
    validTime
      ? h('p', { class: 'muted', title: updated.toISOString() }, `Updated ${ago(updated)} · ${updated.toLocaleString()}`)
      : null,
  );
  const refs = h(
    'div',
    { class: 'two-col' },
    section(
      'references-to',
      'References',
      links(c.referencesTo, 'References no component.', component),
    ),
    section(
      'referenced-by',
      'Referenced by',
      links(c.referencedBy, 'No component references this one.', component),
    ),
  );
  const modules = c.createdModuleIDs?.length
    ? section('modules', 'Modules', links(c.createdModuleIDs, '', api.routes.graph))
    : null;
  const args = section(
    'arguments',
    'Arguments',
    renderBody(c.arguments ?? [], { name: c.name, label: c.label }),
  );
  const exports = hasBody(c.exports)
    ? section('exports', 'Exports', renderBody(c.exports))
    : null;
  const debug = hasBody(c.debugInfo)
    ? section('debug-info', 'Debug info', renderBody(c.debugInfo))
    : null;
  return [head, health, refs, modules, args, exports, debug];
}

export function mount(root, { id }) {
  document.title = `${id} · jalloy`;
  const content = h('div', { class: 'component-page' }, h('p', { class: 'muted' }, 'Loading…'));
  root.append(content);
  const controller = new AbortController();
  let last = '';
  const refresh = async () => {
    try {
      const c = await api.component(id, controller.signal);
      const text = JSON.stringify(c);
      if (text === last) return;
      last = text;
      content.replaceChildren(...render(c).filter(Boolean));
    } catch (e) {
      if (controller.signal.aborted) return;
      last = '';
      content.replaceChildren(
        h('div', { class: 'page-head' }, h('h1', { class: 'mono' }, id)),
        h(
          'div',
          { class: 'card error-card' },
          e.status === 404 ? `There is no component with id "${id}".` : `Could not load: ${e.message}`,
          ' ',
          h('a', { href: api.routes.list(), 'data-nav': true }, 'Back to the component list'),
        ),
      );
    }
  };
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => {
    clearInterval(timer);
    controller.abort();
  };
}
