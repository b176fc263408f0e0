import { SignJWT } from 'jose';
import { metroAreaOf } from '../../../domain';
import { eventually, type TestSystem } from '../../support/system';

/** Guangzhou Tianhe: where the test cases are lodged and decided. */
export const OWN = '440106';
/** Another office in the same province (Guangdong), not involved in the test cases. */
export const OTHER_OFFICE = '440104';
/** An office in another province (Shanghai Huangpu). */
export const OTHER_PROVINCE = '310101';
export const NATIONAL = '000000';
/** The move-out office of the hukou test cases (same province, never used as a caller). */
export const ORIGIN = '440105';

export const APPLICANT_NAME = '张三';
export const APPLICANT_ID = '440105199001011239';

/** A hukou migration within Guangdong (440105 → 440106): online (by the applicant) or at the window (by a caseworker of 440106). */
export const hukouBody = (channel: 'online' | 'window' = 'online') => ({
  type: 'hukou-migration',
  channel,
  receivingOffice: OWN,
  applicant: { name: APPLICANT_NAME, idNumber: APPLICANT_ID },
  materials: ['application form', 'property deed'],
  details: {
    category: 'home-purchase',
    fromOffice: ORIGIN,
    toOffice: OWN,
    destinationCity: { code: '440100' },
    residenceYears: 6,
    socialInsuranceYears: 6,
  },
});

/** A port visa at the port visa office 440106 (accepted at lodging), with an inviting company active in the local register. */
export const portVisaBody = () => ({
  type: 'port-visa',
  channel: 'window',
  receivingOffice: OWN,
  applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
  materials: ['passport', 'invitation letter'],
  details: {
    port: 'Guangzhou Baiyun Airport',
    purpose: 'business',
    invitingCompany: { creditCode: '91440106MA59ABCD1M', name: 'Canton Trading Co.' },
    intendedStayDays: 14,
  },
});

/** YYYY-MM-DD `offset` days from today (UTC). */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A multi-entry visa at the window of 440106: a type a caseworker accepts (a port visa is accepted at lodging). */
export const multiEntryVisaBody = () => ({
  type: 'multi-entry-visa',
  channel: 'window',
  receivingOffice: OWN,
  applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
  materials: ['passport', 'invitation letter'],
  details: {
    currentVisa: { type: 'M', entryDate: day(-5), stayUntil: day(25) },
    invitingCompany: { creditCode: '91440106MA59ABCD1M', name: 'Canton Trading Co.' },
    requestedValidityYears: 3,
    passportValidUntil: '2031-05-31',
  },
});

/** Opens a case and waits until its register check has landed, so that nothing else moves its version afterwards. */
export async function openSettled(sys: TestSystem, token: string, body: unknown): Promise<string> {
  const r = await sys.request('POST', '/cases', { token, body });
  if (r.status !== 201) throw new Error(`opening failed: ${r.status} ${JSON.stringify(r.body)}`);
  const caseId = r.body.caseId as string;
  // A hukou migration into a metropolitan group also asks the register of residence permits (docs/domain.md §7.4).
  const checks = (view: { type?: string; details?: { destinationCity?: { code?: string } } }) =>
    view.type === 'hukou-migration' && metroAreaOf(view.details?.destinationCity?.code ?? '') !== null ? 2 : 1;
  await eventually(async () => {
    const view = (await sys.request('GET', `/cases/${caseId}`, { token })).body;
    return view.records?.length >= checks(view);
  });
  return caseId;
}

/** A token the server must refuse: signed with its own secret but already expired. */
export async function expiredToken(sys: TestSystem): Promise<string> {
  if (sys.config.auth.kind !== 'dev') throw new Error('tests run with development tokens');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: ['supervisor'], office: NATIONAL })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('expired')
    .setIssuer(sys.config.auth.issuer)
    .setAudience(sys.config.auth.audience)
    .setIssuedAt(now - 7200)
    .setExpirationTime(now - 3600)
    .sign(sys.config.auth.secret);
}

/** A well-formed token signed with a key the server does not know. */
export const forgedToken = () =>
  new SignJWT({ roles: ['supervisor'], office: NATIONAL })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('forger')
    .setIssuer('casework-dev')
    .setAudience('casework')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode('not-the-server-secret'));

export interface RawResponse {
  status: number;
  contentType: string;
  body: any;
}

/** What is wrong with an error response (empty when it is a proper problem+json without internals). */
export function problemDefects(r: RawResponse): string[] {
  if (r.status < 400) return [];
  const defects: string[] = [];
  if (!r.contentType.startsWith('application/problem+json')) defects.push(`content-type ${r.contentType}`);
  const b = r.body;
  if (!b || typeof b !== 'object') return [...defects, 'no JSON body'];
  for (const field of ['type', 'title', 'detail'] as const) if (typeof b[field] !== 'string') defects.push(`no ${field}`);
  if (b.status !== r.status) defects.push(`status field ${b.status}`);
  const text = JSON.stringify(b);
  if (/\bat .*\.(ts|js):\d+|node_modules|stack|Error:/.test(text)) defects.push('leaks internals');
  return defects;
}

/** One request without the helper's JSON parsing (it must survive non-JSON and streaming answers). */
export async function raw(
  sys: TestSystem,
  method: string,
  path: string,
  options: { token?: string; body?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const res = await fetch(sys.url + path, { method, headers, body: options.body });
  const contentType = res.headers.get('content-type') ?? '';
  const text = await res.text();
  let body: unknown = text;
  if (/json/.test(contentType) && text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, contentType, body };
}

/** Opens an SSE stream, reads until `until` matches what arrived (or the timeout), then closes it. */
export async function readEventStream(
  url: string,
  token: string | undefined,
  until: (received: string) => boolean,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; contentType: string; received: string; body?: any }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const res = await fetch(url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, signal: abort.signal });
    const contentType = res.headers.get('content-type') ?? '';
    if (res.status !== 200) return { status: res.status, contentType, received: '', body: await res.json() };
    let received = '';
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        received += decoder.decode(chunk, { stream: true });
        if (until(received)) break;
      }
    } catch (e) {
      if (!abort.signal.aborted) throw e;
    }
    return { status: res.status, contentType, received };
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

export interface SseMessage {
  id?: string;
  event?: string;
  data: any;
  receivedAt: number;
}

/** A live Server-Sent Events connection that parses messages as they arrive. */
export interface EventStream {
  status: number;
  contentType: string;
  messages: SseMessage[];
  waitFor(predicate: (messages: SseMessage[]) => boolean, timeoutMs: number): Promise<void>;
  close(): void;
}

export async function openEventStream(url: string, token: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers }, signal: abort.signal });
  const messages: SseMessage[] = [];
  const listeners = new Set<() => void>();
  const pump = async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of frame.split('\n')) {
            if (line.startsWith(':') || !line.includes(':')) continue;
            const i = line.indexOf(':');
            fields[line.slice(0, i)] = (fields[line.slice(0, i)] ? fields[line.slice(0, i)] + '\n' : '') + line.slice(i + 1).replace(/^ /, '');
          }
          if (fields.data === undefined) continue;
          messages.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data), receivedAt: Date.now() });
          for (const l of listeners) l();
        }
      }
    } catch {
      // closed
    }
  };
  if (res.status === 200) void pump();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    messages,
    waitFor: (predicate, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate(messages)) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no such SSE messages within ${timeoutMs} ms; got ${JSON.stringify(messages.map((m) => [m.event, m.data.caseId]))}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
    close: () => abort.abort(),
  };
}
