// Live debugging page: streams what a component publishes, newest at the bottom.

import * as api from './api.js';
import { h } from './dom.js';

const MAX_LINES = 1000;

export function mount(root, { id }) {
  document.title = `Live debugging ${id} · jalloy`;
  const query = new URLSearchParams(location.search);
  const initialRate = Number.parseFloat(query.get('sampleProb') ?? '1');

  const state = h('span', { class: 'stream-state', dataset: { state: 'connecting' } }, 'connecting');
  const counter = h('span', { class: 'muted' });
  const pauseButton = h('button', { type: 'button', class: 'button' }, 'Pause');
  const clearButton = h('button', { type: 'button', class: 'button' }, 'Clear');
  const reconnectButton = h('button', { type: 'button', class: 'button', hidden: true }, 'Reconnect');
  const rate = h('input', {
    type: 'number',
    min: 0,
    max: 1,
    step: 0.01,
    value: Number.isFinite(initialRate) ? initialRate : 1,
    class: 'rate',
    id: 'sample-rate',
  });
  const lines = h('ol', { class: 'debug-lines', 'aria-live': 'polite' });
  const viewport = h('div', { class: 'debug-viewport' }, lines);
  const empty = h('p', { class: 'muted debug-empty' }, 'Waiting for data…');
  viewport.append(empty);

  root.append(
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        null,
        h('h1', null, 'Live debugging'),
        h(
          'div',
          { class: 'component-id' },
          h('a', { class: 'mono', href: api.routes.component(id), 'data-nav': true }, id),
        ),
      ),
      h('div', { class: 'page-head-side' }, state),
    ),
    h(
      'div',
      { class: 'toolbar' },
      pauseButton,
      clearButton,
      reconnectButton,
      h('label', { class: 'rate-label', for: 'sample-rate' }, 'Sample rate', rate),
      counter,
    ),
    h('div', { class: 'card debug-card' }, viewport),
  );

  let paused = false;
  let received = 0;
  let skipped = 0;
  let controller = null;

  const showCount = () => {
    counter.textContent =
      `${received} received · ${lines.childElementCount} shown` +
      (skipped ? ` · ${skipped} skipped while paused` : '');
  };
  const setState = (name, text = name) => {
    state.dataset.state = name;
    state.textContent = text;
  };
  const add = (message) => {
    received++;
    if (paused) {
      skipped++;
      showCount();
      return;
    }
    const atBottom = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - 24;
    empty.remove();
    lines.append(
      h(
        'li',
        null,
        h('time', null, new Date().toLocaleTimeString()),
        h('span', { class: 'debug-message' }, message),
      ),
    );
    while (lines.childElementCount > MAX_LINES) lines.firstElementChild.remove();
    if (atBottom) viewport.scrollTop = viewport.scrollHeight;
    showCount();
  };

  const connect = async () => {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    reconnectButton.hidden = true;
    setState('connecting');
    const p = Math.min(1, Math.max(0, Number.parseFloat(rate.value) || 0));
    try {
      await api.streamDebug(id, p, mine.signal, add, () =>
        setState('streaming', paused ? 'paused' : 'streaming'),
      );
      if (mine.signal.aborted) return;
      setState('ended', 'stream ended');
    } catch (e) {
      if (mine.signal.aborted) return;
      setState('error', e.message);
    }
    reconnectButton.hidden = false;
  };

  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    pauseButton.classList.toggle('primary', paused);
    if (state.dataset.state === 'streaming') setState('streaming', paused ? 'paused' : 'streaming');
  });
  clearButton.addEventListener('click', () => {
    lines.replaceChildren();
    skipped = 0;
    showCount();
  });
  reconnectButton.addEventListener('click', connect);
  rate.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('sampleProb', rate.value);
    history.replaceState(history.state, '', url);
    connect();
  });

  showCount();
  connect();
  return () => controller?.abort();
}
