// Talks to the jalloy HTTP API. Every URL is relative and resolved against document.baseURI, so
// the UI works under any --server.http.ui-path-prefix as long as the server sets <base href>.

export class HttpError extends Error {
  constructor(status, body) {
    super(body ? `HTTP ${status}: ${body.trim()}` : `HTTP ${status}`);
    this.status = status;
  }
}

export function url(path) {
  return new URL(path, document.baseURI);
}

/** A component id as a path: module ids contain "/", which stays a separator. */
export function encodeId(id) {
  return id.split('/').map(encodeURIComponent).join('/');
}

export function decodeId(path) {
  return path.split('/').map(decodeURIComponent).join('/');
}

/**
 * The id the API and the component page use: "localID" in the root module, "moduleID/localID"
 * inside a module. References between components are local to their module.
 */
export function globalId(moduleId, localId) {
  return moduleId ? `${moduleId}/${localId}` : localId;
}

export const routes = {
  list: () => './',
  graph: (moduleId) => (moduleId ? `graph/${encodeId(moduleId)}` : 'graph'),
  component: (id) => `component/${encodeId(id)}`,
  debug: (id) => `debug/${encodeId(id)}`,
};

async function getJson(path, signal) {
  const response = await fetch(url(path), { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new HttpError(response.status, await response.text().catch(() => ''));
  return response.json();
}

// Alloy names the id "localID"; accept "id" too, and lists that are missing.
function normalise(c) {
  c.localID ??= c.id;
  c.moduleID ??= '';
  c.referencesTo ??= [];
  c.referencedBy ??= [];
  return c;
}

/** GET api/v0/web/components: every component of the root module, without bodies. */
export async function components(signal) {
  return (await getJson('api/v0/web/components', signal)).map(normalise);
}

/** GET api/v0/web/modules/{moduleID}/components: the components inside one module. */
export async function moduleComponents(moduleId, signal) {
  return (await getJson(`api/v0/web/modules/${encodeId(moduleId)}/components`, signal)).map(
    normalise,
  );
}

/** GET api/v0/web/components/{id}: one component with arguments, exports and debugInfo. */
export async function component(id, signal) {
  return normalise(await getJson(`api/v0/web/components/${encodeId(id)}`, signal));
}

export const DEBUG_DELIMITER = '|;|';

/**
 * Splits a text stream into messages that each end with a delimiter. A message (or the delimiter
 * itself) may be cut across chunks; the unfinished tail is kept until the next chunk.
 */
export class DelimitedSplitter {
  constructor(delimiter = DEBUG_DELIMITER) {
    this.delimiter = delimiter;
    this.pending = '';
  }

  push(text) {
    this.pending += text;
    const parts = this.pending.split(this.delimiter);
    this.pending = parts.pop();
    return parts;
  }
}

/**
 * Streams GET api/v0/web/debug/{id}?sampleProb=p: a chunked response of messages each followed by
 * "|;|". Calls onMessage(text) per message, in order; resolves when the server ends the stream
 * and rejects on HTTP errors or when signal aborts.
 */
export async function streamDebug(id, sampleProb, signal, onMessage, onOpen = () => {}) {
  const target = url(`api/v0/web/debug/${encodeId(id)}`);
  target.searchParams.set('sampleProb', String(sampleProb));
  const response = await fetch(target, { signal });
  if (!response.ok) throw new HttpError(response.status, await response.text().catch(() => ''));
  onOpen();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const splitter = new DelimitedSplitter();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const message of splitter.push(value)) onMessage(message);
  }
}
