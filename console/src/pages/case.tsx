import { useEffect, useState } from 'preact/hooks';
import { api, type CaseView } from '../api/client';
import type { paths } from '../api/schema';
import type { Session } from '../auth';
import { Loading, SlaBadge, useLoad } from '../components';
import { shanghaiTime } from '../format';
import { useI18n } from '../i18n';
import { actionSchema, SchemaForm, type JsonSchema } from '../schema-form';

type Action = paths['/cases/{caseId}/actions/{action}']['post']['parameters']['path']['action'];

/** Extra case-view fields the schema leaves open (looseObject): records, receipts, details. */
type FullView = CaseView & {
  records?: { registry: string; ok: boolean; at: string; subject?: string; detail?: string }[];
  receipts?: { kind: string; number?: string; at?: string }[];
  details?: Record<string, unknown>;
  materials?: string[];
  materialsRequested?: string[];
};

export function CaseSummary({ view }: { view: FullView }) {
  const { t, term, lang } = useI18n();
  const rows: [string, string][] = [
    [t('caseId'), view.caseId],
    [t('type'), term(view.type)],
    [t('status'), term(view.status)],
    [t('step'), view.step],
    [t('channel'), term(view.channel)],
    // Cross-province is routing (its offices lie in two provinces), shown beside the channel, not as one.
    [t('crossProvince'), view.crossProvince ? term('cross-province') : '—'],
    [t('applicant'), String(view.applicant.name)],
    [t('receivingOffice'), view.receivingOffice],
    [t('handlingOffice'), view.handlingOffice],
    [t('assignee'), view.assignee ?? '—'],
    [t('version'), String(view.version)],
    [t('openedAt'), shanghaiTime(view.openedAt, lang)],
    [t('closedAt'), shanghaiTime(view.closedAt, lang)],
  ];
  return (
    <dl class="summary">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd data-field={k}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Clocks({ view }: { view: FullView }) {
  const { t, lang } = useI18n();
  if (view.sla.length === 0) return <p>{t('empty')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('clock')}</th>
          <th scope="col">{t('status')}</th>
          <th scope="col">{t('deadline')}</th>
          <th scope="col">{t('remaining')}</th>
          <th scope="col">{t('escalation')}</th>
        </tr>
      </thead>
      <tbody>
        {view.sla.map((c) => (
          <tr key={c.clock}>
            <td>{c.clock}</td>
            <td>
              <SlaBadge state={c.state} />
            </td>
            <td>{shanghaiTime(c.deadline, lang)}</td>
            <td>{c.remainingWorkingDays ?? '—'}</td>
            <td>{c.escalation}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Documents({ view }: { view: FullView }) {
  const { t, lang } = useI18n();
  const docs = [...view.documents, ...(view.receipts ?? [])] as { kind?: string; number?: string; at?: string; validUntil?: string }[];
  if (docs.length === 0) return <p>{t('empty')}</p>;
  return (
    <ul>
      {docs.map((d, i) => (
        <li key={i}>
          {d.kind} {d.number ? `· ${d.number}` : ''} {d.at ? `· ${shanghaiTime(d.at, lang)}` : ''}
        </li>
      ))}
    </ul>
  );
}

function Records({ view }: { view: FullView }) {
  const { t, lang } = useI18n();
  const records = view.records ?? [];
  if (records.length === 0) return <p>{t('empty')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('registry')}</th>
          <th scope="col">{t('result')}</th>
          <th scope="col">{t('at')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr key={r.registry}>
            <td>{r.registry}</td>
            <td>
              <span class={`badge ${r.ok ? 'sla-on-track' : 'sla-breached'}`}>{r.ok ? t('passed') : t('failed')}</span> {r.detail}
            </td>
            <td>{shanghaiTime(r.at, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The allowed actions as buttons; the chosen one opens its form, generated from the action's body schema. */
function Actions({ view, onDone }: { view: FullView; onDone: (v: CaseView) => void }) {
  const { t, term } = useI18n();
  const [chosen, setChosen] = useState<string>();
  const [schema, setSchema] = useState<JsonSchema>();
  useEffect(() => {
    setSchema(undefined);
    if (chosen) void actionSchema(chosen, view.type).then(setSchema);
  }, [chosen, view.type]);
  useEffect(() => setChosen(undefined), [view.version]);
  const submit = async (body: Record<string, unknown>, key: string) => {
    const { data, error } = await api.POST('/cases/{caseId}/actions/{action}', {
      params: { path: { caseId: view.caseId, action: chosen as Action }, header: { 'Idempotency-Key': key } },
      body: body,
    });
    if (data) onDone(data);
    return { ok: !!data, problem: error };
  };
  if (view.allowedActions.length === 0) return <p>{t('empty')}</p>;
  return (
    <div>
      <div class="actions" role="group" aria-label={t('actions')}>
        {view.allowedActions.map((a) => (
          <button key={a} type="button" class={chosen === a ? '' : 'secondary'} aria-pressed={chosen === a} data-action={a} onClick={() => setChosen(a)}>
            {term(a)}
          </button>
        ))}
      </div>
      {chosen && (
        <div class="action-form" aria-live="polite">
          <h3>{term(chosen)}</h3>
          {schema ? (
            <SchemaForm key={`${chosen}-${view.version}`} schema={schema} submitLabel={`${t('submit')}: ${term(chosen)}`} onSubmit={submit} />
          ) : (
            <Loading />
          )}
        </div>
      )}
    </div>
  );
}

export function CasePage({ caseId, session }: { caseId: string; session: Session }) {
  const { t } = useI18n();
  const { data, error, setData } = useLoad(() => api.GET('/cases/{caseId}', { params: { path: { caseId } } }), [caseId]);
  const [notice, setNotice] = useState<string>();
  if (!data) return <Loading error={error} />;
  const view = data as FullView;
  return (
    <section>
      <h1>
        {t('cases')} {view.caseId.slice(0, 8)}
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {session.role === 'supervisor' && <a href={`#/audit/${view.caseId}`}>{t('audit')}</a>}
      <div class="grid">
        <section class="card">
          <h2>{t('details')}</h2>
          <CaseSummary view={view} />
        </section>
        <section class="card">
          <h2>{t('actions')}</h2>
          <Actions
            view={view}
            onDone={(v) => {
              setData(v);
              setNotice(`${t('actionDone')} · ${t('version')} ${v.version}`);
            }}
          />
        </section>
        <section class="card">
          <h2>{t('clocks')}</h2>
          <Clocks view={view} />
        </section>
        <section class="card">
          <h2>{t('records')}</h2>
          <Records view={view} />
        </section>
        <section class="card">
          <h2>{t('documents')}</h2>
          <Documents view={view} />
        </section>
      </div>
    </section>
  );
}
