// workerd-kv.mjs: an in-memory stand-in for a KV namespace, run by
// verify_workerd.mjs as a JavaScript service of its own inside workerd (one
// service, so one Map, per namespace). A kvNamespace binding sends its calls
// to this service as HTTP requests (workerd's src/workerd/api/kv.c++):
//   GET    /KEY?urlencoded=true        value (404 when absent), CF-KV-Metadata header
//   PUT    /KEY?urlencoded=true[&expiration=S|&expiration_ttl=S]   body = value,
//          CF-KV-Metadata request header = metadata JSON
//   DELETE /KEY?urlencoded=true
//   GET    /?prefix=P&key_count_limit=N&cursor=C   {"keys":[{name,expiration?,metadata?}],
//          "list_complete":bool,"cursor"?}
// Bulk gets (POST /bulk/get) answer 501. Values live as long as the workerd
// process: one verify run. Not persisted, no eventual consistency.
const store = new Map(); // key -> {value: Uint8Array, metadata: string|null, expiration: number|null}

function live(key) {
  const e = store.get(key);
  if (!e) return null;
  if (e.expiration !== null && e.expiration * 1000 <= Date.now()) {
    store.delete(key);
    return null;
  }
  return e;
}

function list(url) {
  const prefix = url.searchParams.get('prefix') || '';
  const limit = Math.max(1, Math.min(1000, Number(url.searchParams.get('key_count_limit')) || 1000));
  const start = Number(url.searchParams.get('cursor') || '0') || 0;
  const names = [...store.keys()].filter((k) => k.startsWith(prefix) && live(k)).sort();
  const page = names.slice(start, start + limit);
  const keys = page.map((name) => {
    const e = store.get(name);
    const k = { name };
    if (e.expiration !== null) k.expiration = e.expiration;
    if (e.metadata !== null) k.metadata = JSON.parse(e.metadata);
    return k;
  });
  const done = start + limit >= names.length;
  const out = { keys, list_complete: done };
  if (!done) out.cursor = String(start + limit);
  return Response.json(out);
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const path = url.pathname.slice(1);
    if (request.method === 'GET' && path === '') return list(url);
    if (request.method === 'POST' && path === 'bulk/get')
      return new Response('bulk get is not supported by the verify KV stand-in', { status: 501 });
    const key = decodeURIComponent(path);
    if (request.method === 'GET') {
      const e = live(key);
      if (!e) return new Response(null, { status: 404 });
      const headers = {};
      if (e.metadata !== null) headers['CF-KV-Metadata'] = e.metadata;
      return new Response(e.value, { headers });
    }
    if (request.method === 'PUT') {
      const value = new Uint8Array(await request.arrayBuffer());
      let expiration = null;
      if (url.searchParams.has('expiration')) expiration = Number(url.searchParams.get('expiration'));
      else if (url.searchParams.has('expiration_ttl'))
        expiration = Math.floor(Date.now() / 1000) + Number(url.searchParams.get('expiration_ttl'));
      store.set(key, { value, metadata: request.headers.get('CF-KV-Metadata'), expiration });
      return new Response(null, { status: 200 });
    }
    if (request.method === 'DELETE') {
      store.delete(key);
      return new Response(null, { status: 200 });
    }
    return new Response('method not supported by the verify KV stand-in', { status: 405 });
  },
};
