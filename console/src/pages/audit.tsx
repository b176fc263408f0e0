import { useEffect, useState } from 'preact/hooks';
import { api, problemText, type CaseView } from '../api/client';
import { Loading, useLoad } from '../components';
import { shanghaiTime } from '../format';
import { useI18n } from '../i18n';
import { CaseSummary } from './case';

/** "What changed": an event's data as short key=value pairs. */
const changed = (data: Record<string, unknown>) =>
  Object.entries(data)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ')
    .slice(0, 240);

const TABS = ['timeline', 'accessLog'] as const;
type Tab = (typeof TABS)[number];

/**
 * Who read the case, found it by a number or was refused on it (GET /cases/{id}/access-log), oldest first
 * as the API gives it; read afresh each time the tab opens, since every read adds to it.
 */
function AccessLog({ caseId }: { caseId: string }) {
  const { t, term, lang } = useI18n();
  const log = useLoad(() => api.GET('/cases/{caseId}/access-log', { params: { path: { caseId } } }), [caseId]);
  if (!log.data) return <Loading error={log.error} />;
  if (log.data.entries.length === 0) return <p>{t('empty')}</p>;
  return (
    <table class="access-log">
      <thead>
        <tr>
          <th scope="col">{t('time')}</th>
          <th scope="col">{t('accessKind')}</th>
          <th scope="col">{t('actor')}</th>
          <th scope="col">{t('role')}</th>
          <th scope="col">{t('office')}</th>
          <th scope="col">{t('route')}</th>
          <th scope="col">{t('httpStatus')}</th>
        </tr>
      </thead>
      <tbody>
        {log.data.entries.map((e) => (
          <tr key={`${e.correlationId}-${e.at}-${e.kind}`} data-kind={e.kind}>
            <td>{shanghaiTime(e.at, lang)}</td>
            <td>{term(`access-${e.kind}`)}</td>
            <td>{e.actor}</td>
            <td>{term(e.role)}</td>
            <td>{e.office}</td>
            <td>
              <code>{e.route}</code>
            </td>
            <td>{e.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A supervisor's view of one case: its timeline, the verified hash chain and the case at any version. */
export function AuditPage({ caseId }: { caseId: string }) {
  const { t, term, lang } = useI18n();
  const history = useLoad(() => api.GET('/cases/{caseId}/history', { params: { path: { caseId } } }), [caseId]);
  const integrity = useLoad(() => api.GET('/cases/{caseId}/integrity', { params: { path: { caseId } } }), [caseId]);
  const events = history.data?.events ?? [];
  const last = events.length ? events[events.length - 1].version : 1;
  const [version, setVersion] = useState<number>();
  const [state, setState] = useState<CaseView>();
  const [stateError, setStateError] = useState<string>();
  useEffect(() => {
    if (version === undefined) return;
    void api.GET('/cases/{caseId}/state', { params: { path: { caseId }, query: { version } } }).then(({ data, error }) => {
      setState(data);
      setStateError(error ? problemText(error) : undefined);
    });
  }, [version, caseId]);
  useEffect(() => {
    if (events.length && version === undefined) setVersion(last);
  }, [events.length]);
  const [tab, setTab] = useState<Tab>('timeline');
  /** Tabs as the WAI-ARIA pattern has them: arrows, Home and End move between tabs and select. */
  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1 + TABS.length, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const k = TABS[next % TABS.length];
    setTab(k);
    document.getElementById(`tab-${k}`)?.focus();
  };
  return (
    <section>
      <h1>
        {t('audit')} · {caseId.slice(0, 8)}
      </h1>
      <section class="card" aria-live="polite">
        <h2>{t('integrity')}</h2>
        {!integrity.data ? (
          <Loading error={integrity.error} />
        ) : integrity.data.ok ? (
          <p class="integrity ok" data-integrity="ok">
            ✔ {t('chainIntact')} · {integrity.data.checkedEvents} {t('eventsChecked')} · {integrity.data.workflowRecord}
          </p>
        ) : (
          <p class="integrity broken" data-integrity="broken">
            ✘ {t('chainBroken')} {integrity.data.firstBrokenVersion} · {integrity.data.workflowRecord}
          </p>
        )}
      </section>
      <div class="grid">
        <section class="card">
          <h2>{t('stateAt')}</h2>
          {events.length > 0 && (
            <div class="field">
              <label for="version">
                {t('version')}: <output for="version">{version ?? last}</output> / {last}
              </label>
              <input id="version" type="range" min={1} max={last} step={1} value={version ?? last} onInput={(e) => setVersion(Number(e.currentTarget.value))} />
            </div>
          )}
          {stateError && <p class="form-error">{stateError}</p>}
          {state ? <CaseSummary view={state} /> : <Loading />}
        </section>
        <section class="card wide">
          <div role="tablist" aria-label={t('audit')} class="tabs" onKeyDown={onTabKey}>
            {TABS.map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                id={`tab-${k}`}
                aria-controls={`panel-${k}`}
                aria-selected={tab === k}
                tabIndex={tab === k ? 0 : -1}
                onClick={() => setTab(k)}
              >
                {t(k)}
              </button>
            ))}
          </div>
          {tab === 'timeline' ? (
            <div role="tabpanel" id="panel-timeline" aria-labelledby="tab-timeline" tabIndex={0}>
              {!history.data ? (
                <Loading error={history.error} />
              ) : (
                <ol class="timeline">
                  {events.map((e) => (
                    <li key={e.version} class={e.version === version ? 'current' : ''}>
                      <button type="button" class="link" onClick={() => setVersion(e.version)} title={`${t('version')} ${e.version}: ${e.type}`}>
                        v{e.version}
                      </button>{' '}
                      <strong>{e.type}</strong> · {t('actor')} {e.metadata.actor} ({term(e.metadata.role)}) · {e.metadata.office} ·{' '}
                      {shanghaiTime(e.metadata.at, lang)}
                      <div class="change">{changed(e.data)}</div>
                      <div class="hash" title={e.hash}>
                        #{e.hash.slice(0, 12)} ← #{e.prevHash.slice(0, 12)}
                      </div>
                    </li>
                  ))}
                </ol>
              )}
              {history.data && history.data.rejections.length > 0 && (
                <>
                  <h3>{t('refused')}</h3>
                  <ul>
                    {history.data.rejections.map((r, i) => (
                      <li key={i}>
                        {term(r.action)} · {r.status} · {r.detail} · {r.metadata.actor} · {shanghaiTime(r.metadata.at, lang)}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ) : (
            <div role="tabpanel" id="panel-accessLog" aria-labelledby="tab-accessLog" tabIndex={0}>
              <AccessLog caseId={caseId} />
            </div>
          )}
        </section>
      </div>
    </section>
  );
}
