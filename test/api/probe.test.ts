import { startTestSystem, type TestSystem, eventually } from '../support/system';

describe('probe', () => {
  let sys: TestSystem;
  beforeAll(async () => { const t = Date.now(); sys = await startTestSystem('pglite'); console.log('start ms', Date.now() - t); }, 120_000);
  afterAll(() => sys?.stop());
  it('probes', async () => {
    const w = await sys.token('caseworker', '440106');
    const out: unknown[] = [];
    const p = async (m: string, path: string, o: any = {}) => {
      const r = await fetch(sys.url + path, { method: m, headers: { authorization: `Bearer ${w}`, ...(o.body !== undefined ? { 'content-type': o.ct ?? 'application/json' } : {}), ...(o.headers ?? {}) }, body: o.body });
      const text = await r.text();
      out.push([m, path, r.status, r.headers.get('content-type'), text.slice(0, 300)]);
    };
    await p('GET', '/nope');
    await p('DELETE', '/cases');
    await p('GET', '/cases/%E0%A4%A');
    await p('GET', '/cases?cursor=' + Buffer.from('1|x').toString('base64url'));
    await p('GET', '/cases?cursor=' + Buffer.from('March 7|x').toString('base64url'));
    await p('GET', '/cases?limit=1&limit=2');
    await p('POST', '/cases', { body: '{"__proto__": {"x": 1}}' });
    await p('POST', '/cases', { body: '{"constructor": {"prototype": {"x": 1}}}' });
    await p('POST', '/cases', { body: '['.repeat(30000) + ']'.repeat(30000), headers: { 'idempotency-key': 'deep' } });
    await p('POST', '/cases', { body: '{"type":' + '['.repeat(30000) + ']'.repeat(30000) + '}' });
    await p('POST', '/cases', { body: 'x=1', ct: 'text/plain' });
    await p('POST', '/cases', { body: '' });
    await p('POST', '/cases', { body: 'null' });
    await p('POST', '/admin/projections/cases/rebuild', { body: '{"a":1}' });
    await p('GET', '/docs');
    await p('GET', '/docs/swagger-ui.css');
    await p('GET', '/cases/00000000-0000-4000-8000-000000000000/state?at=-271821-04-20T00:00:00Z');
    await p('GET', '/sla/board?office=440106&office=440107');
    await p('GET', '/queues/' + encodeURIComponent('../x'));
    await p('POST', '/cases/00000000-0000-4000-8000-000000000000/actions/accept', { body: '{}' , headers: { 'idempotency-key': 'a b' }});
    await p('POST', '/cases/00000000-0000-4000-8000-000000000000/actions/accept', { body: '{"items":' + '['.repeat(30000) + ']'.repeat(30000) + '}' });
    await p('POST', '/admin/projections/cases/rebuild', { body: '{"a":1}', headers: { authorization: 'Bearer ' + await sys.token('admin', '440106') } });
    await p('POST', '/admin/projections/stats/rebuild', { headers: { 'idempotency-key': 'k1', authorization: 'Bearer ' + await sys.token('admin', '440106') } });
    await p('POST', '/admin/projections/stats/rebuild', { headers: { 'idempotency-key': 'k1', authorization: 'Bearer ' + await sys.token('admin', '440106') } });
    await p('POST', '/admin/projections/sla/rebuild', { headers: { 'idempotency-key': 'k1', authorization: 'Bearer ' + await sys.token('admin', '440106') } });
    const { Validator } = await (new Function('s', 'return import(s)'))('@seriousme/openapi-schema-validator');
    const v = new Validator();
    const doc = await (await fetch(sys.url + '/docs-json')).json();
    console.log(JSON.stringify(await v.validate(doc)));
    console.log(JSON.stringify(out.map((o: any) => o.slice(0, 3).concat([String(o[3]).slice(0, 25), o[4].slice(0, 120)]))));
  });
});
