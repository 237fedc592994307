// Renders Alloy-JSON block bodies (the API's "arguments", "exports" and "debugInfo") as Alloy
// syntax, the way they would look in a config file, with syntax highlighting.
//
// Body:  [{"name", "type": "attr", "value": V}, {"name", "type": "block", "label"?, "body": [...]}]
// V:     {"type": "null"} | {"type": "string"|"number"|"bool", "value"}
//        | {"type": "array", "value": [V...]} | {"type": "object", "value": [{"key", "value": V}]}
//        | {"type": "capsule"|"function", "value": "<description>"}
// Secrets arrive as the capsule "(secret)"; a {"type": "secret"} value is shown the same way.

import { h } from './dom.js';

const INDENT = '  ';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INLINE_LIMIT = 72;

const tok = (cls, text) => h('span', { class: `tok-${cls}` }, text);

function quote(text) {
  return JSON.stringify(String(text));
}

function isScalar(v) {
  return !v || !['array', 'object'].includes(v.type) || v.value?.length === 0;
}

/** A short textual form, used to decide whether an array fits on one line. */
function flatText(v) {
  switch (v?.type) {
    case 'array':
      return `[${(v.value ?? []).map(flatText).join(', ')}]`;
    case 'object':
      return `{${(v.value ?? []).map((f) => `${f.key} = ${flatText(f.value)}`).join(', ')}}`;
    case 'string':
      return quote(v.value);
    default:
      return String(v?.value ?? 'null');
  }
}

/** Appends the nodes of one value to out; nested lines start with indent. */
function value(v, indent, out) {
  switch (v?.type) {
    case 'null':
    case undefined:
      out.push(tok('null', 'null'));
      return;
    case 'string':
      out.push(tok('string', quote(v.value)));
      return;
    case 'number':
      out.push(tok('number', String(v.value)));
      return;
    case 'bool':
      out.push(tok('bool', String(v.value)));
      return;
    case 'secret':
      out.push(tok('secret', '(secret)'));
      return;
    case 'capsule':
      out.push(v.value === '(secret)' ? tok('secret', '(secret)') : tok('capsule', String(v.value)));
      return;
    case 'function':
      out.push(tok('capsule', String(v.value ?? 'function')));
      return;
    case 'array':
      array(v.value ?? [], indent, out);
      return;
    case 'object':
      object(v.value ?? [], indent, out);
      return;
    default:
      out.push(tok('capsule', String(v.value ?? v.type)));
  }
}

function array(items, indent, out) {
  if (items.length === 0) {
    out.push(tok('punct', '[]'));
    return;
  }
  if (items.every(isScalar) && flatText({ type: 'array', value: items }).length <= INLINE_LIMIT) {
    out.push(tok('punct', '['));
    items.forEach((item, i) => {
      if (i > 0) out.push(tok('punct', ', '));
      value(item, indent, out);
    });
    out.push(tok('punct', ']'));
    return;
  }
  const inner = indent + INDENT;
  out.push(tok('punct', '['), '\n');
  for (const item of items) {
    out.push(inner);
    value(item, inner, out);
    out.push(tok('punct', ','), '\n');
  }
  out.push(indent, tok('punct', ']'));
}

function object(fields, indent, out) {
  if (fields.length === 0) {
    out.push(tok('punct', '{}'));
    return;
  }
  const inner = indent + INDENT;
  const width = Math.max(...fields.map((f) => key(f.key).length));
  out.push(tok('punct', '{'), '\n');
  for (const field of fields) {
    const k = key(field.key);
    out.push(inner, tok('key', k), ' '.repeat(width - k.length), tok('punct', ' = '));
    value(field.value, inner, out);
    out.push(tok('punct', ','), '\n');
  }
  out.push(indent, tok('punct', '}'));
}

function key(k) {
  return IDENTIFIER.test(k) ? k : quote(k);
}

function body(entries, indent, out) {
  // Consecutive attributes align their "=" like alloy fmt does.
  let run = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((a) => a.name.length));
    for (const attr of run) {
      out.push(indent, tok('attr', attr.name), ' '.repeat(width - attr.name.length));
      out.push(tok('punct', ' = '));
      value(attr.value, indent, out);
      out.push('\n');
    }
    run = [];
  };
  entries.forEach((entry, i) => {
    if (entry.type === 'attr') {
      run.push(entry);
      return;
    }
    flush();
    if (i > 0) out.push('\n');
    block(entry.name, entry.label, entry.body ?? [], indent, out);
    if (i < entries.length - 1 && entries[i + 1].type === 'attr') out.push('\n');
  });
  flush();
}

function block(name, label, entries, indent, out) {
  out.push(indent, tok('block', name));
  if (label) out.push(' ', tok('label', quote(label)));
  if (entries.length === 0) {
    out.push(tok('punct', ' { }'), '\n');
    return;
  }
  out.push(tok('punct', ' {'), '\n');
  body(entries, indent + INDENT, out);
  out.push(indent, tok('punct', '}'), '\n');
}

/** A <pre> showing a body; with a name, wrapped in "name "label" { ... }" like in a config file. */
export function renderBody(entries, { name, label } = {}) {
  const out = [];
  if (name) block(name, label, entries ?? [], '', out);
  else body(entries ?? [], '', out);
  return h('pre', { class: 'alloy' }, h('code', null, out));
}

/** Whether a body has anything to show. */
export function hasBody(entries) {
  return Array.isArray(entries) && entries.length > 0;
}
