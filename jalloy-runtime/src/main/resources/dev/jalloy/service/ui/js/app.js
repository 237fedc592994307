// The router: maps the path below <base href> to a page and keeps navigation in the page
// (History API). Every page module exports mount(root, params, ctx) returning a cleanup function.
//
// Routes (relative to the base): ""  component list · "graph" · "graph/<moduleID>" ·
// "component/<id>" · "debug/<id>"; ids inside modules contain "/" and keep it.

import { decodeId } from './api.js';
import { h } from './dom.js';
import * as list from './list.js';
import * as graph from './graph.js';
import * as component from './component.js';
import * as debug from './debug.js';

const root = document.getElementById('app');
const basePath = new URL(document.baseURI).pathname;
let cleanup = null;

function route(pathname) {
  const rest = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : null;
  if (rest === null) return { page: notFound, params: {} };
  if (rest === '' || rest === 'index.html') return { page: list, name: 'list', params: {} };
  if (rest === 'graph' || rest === 'graph/') return { page: graph, name: 'graph', params: {} };
  let m = rest.match(/^graph\/(.+)$/);
  if (m) return { page: graph, name: 'graph', params: { module: decodeId(m[1]) } };
  m = rest.match(/^component\/(.+)$/);
  if (m) return { page: component, name: 'list', params: { id: decodeId(m[1]) } };
  m = rest.match(/^debug\/(.+)$/);
  if (m) return { page: debug, name: 'list', params: { id: decodeId(m[1]) } };
  return { page: notFound, params: {} };
}

const notFound = {
  mount(el) {
    document.title = 'Not found · jalloy';
    el.append(
      h('h1', null, 'Page not found'),
      h(
        'p',
        { class: 'card error-card' },
        'There is no page at this address. ',
        h('a', { href: './', 'data-nav': true }, 'Go to the component list'),
      ),
    );
    return () => {};
  },
};

function render() {
  cleanup?.();
  root.replaceChildren();
  const { page, name, params } = route(location.pathname);
  for (const a of document.querySelectorAll('.mainnav a')) {
    a.classList.toggle('active', a.dataset.route === name);
  }
  cleanup = page.mount(root, params, { navigate }) ?? null;
}

export function navigate(href, { replace = false } = {}) {
  const target = new URL(href, document.baseURI);
  if (target.href === location.href) return;
  if (replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  window.scrollTo(0, 0);
  render();
}

// In-app links carry data-nav; they are real links, so opening them in a new tab still works.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
    return;
  }
  const a = e.target.closest('a[data-nav]');
  if (!a) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', render);

render();
