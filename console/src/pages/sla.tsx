import { useEffect, useRef, useState } from 'preact/hooks';
import { api, currentToken, type Schemas } from '../api/client';
import type { Session } from '../auth';
import { Loading, SlaBadge } from '../components';
import { shanghaiTime } from '../format';
import { useI18n } from '../i18n';
import { followEvents, type StreamState } from '../sse';

type Board = Schemas['SlaBoard'];
type Row = Board['items'][number];
interface Alert {
  id?: string;
  event: string;
  caseId: string;
  office: string;
  at: string;
  clock?: string;
  level?: number;
  after?: string;
}

/** Alerts that arrive within this many ms of each other are one burst: each case in it is read once. */
const BURST_MS = 300;
/**
 * The whole board is read again this often: remaining working days change with the date, and a case
 * opened, paused or closed sends no alert. Not only what changed, on purpose: every row's state and remaining
 * working days are computed by the API from the time of the read and the published calendar (a row changes
 * with no event at all, e.g. at midnight or when the calendar is republished), and a case that left the board
 * (closed, withdrawn) would need the read model to report removals since a position, which it does not. One
 * read of the open cases per monitor every 5 minutes is small beside the alerts each case's rows already
 * follow, and a diff against a stale board could only drift from what the API would say.
 */
const FULL_REFRESH_MS = 5 * 60_000;

/** Whether a case's rows already show what the alert says (the board's read model follows the events within moments). */
function shows(rows: Row[], a: Alert): boolean {
  const row = rows.find((r) => r.clock === a.clock) ?? (a.clock === undefined ? rows[0] : undefined);
  if (!row) return false;
  switch (a.event) {
    case 'SlaGoalMissed':
      return row.state === 'at-risk' || row.state === 'breached';
    case 'SlaDeadlinePassed':
      return row.state === 'breached';
    case 'SlaEscalated':
      return row.escalation >= (a.level ?? 0);
    case 'DeadlineRecomputed':
      return a.after === undefined || Date.parse(row.deadline) === Date.parse(a.after);
    default:
      return true;
  }
}

/** The board with one case's rows replaced, in deadline order, with totals counted again. */
function withCaseRows(board: Board, caseId: string, rows: Row[]): Board {
  const items = [...board.items.filter((i) => i.caseId !== caseId), ...rows].sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
  const totals: Board['totals'] = { 'on-track': 0, 'at-risk': 0, breached: 0, paused: 0 };
  for (const i of items) totals[i.state] = (totals[i.state] ?? 0) + 1;
  return { items, totals };
}

const TYPES = ['port-visa', 'multi-entry-visa', 'hukou-migration', 'first-id-card'] as const;

/**
 * The SLA monitor's live board: the clocks from /sla/board, each case's rows redrawn in place as its alerts
 * arrive on /sla/alerts.
 * Only what the API hands a monitor is shown (masked names, no ID or passport numbers); alerts show
 * the case, the clock and the level, never personal data.
 */
export function SlaPage({ session }: { session: Session }) {
  const { t, term, lang } = useI18n();
  const [office, setOffice] = useState('');
  const [type, setType] = useState('');
  const [board, setBoard] = useState<Board>();
  const [error, setError] = useState<string>();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [stream, setStream] = useState<StreamState>('connecting');
  const filter = useRef({ office, type });
  filter.current = { office, type };

  const query = () => ({
    ...(filter.current.office ? { office: filter.current.office } : {}),
    ...(filter.current.type ? { type: filter.current.type as (typeof TYPES)[number] } : {}),
  });
  const load = async () => {
    const { data, error: e } = await api.GET('/sla/board', { params: { query: query() } });
    if (data) {
      setBoard(data);
      setError(undefined);
    } else setError(e?.detail);
  };
  useEffect(() => void load(), [office, type]);
  useEffect(() => {
    const timer = setInterval(() => void load(), FULL_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  /**
   * Redraws one case's rows from `/sla/board?caseId=` (with the page's filters), not the whole board; read
   * again a few times while the read model has not yet caught up with the alerts.
   */
  const reads = useRef(new Map<string, number>());
  const refreshCase = async (caseId: string, about: Alert[]) => {
    // Only the latest read of a case may draw its rows: an older answer arriving late must not undo a newer one.
    const read = (reads.current.get(caseId) ?? 0) + 1;
    reads.current.set(caseId, read);
    for (let attempt = 1; ; attempt++) {
      const { data } = await api.GET('/sla/board', { params: { query: { ...query(), caseId } } });
      if (!data || reads.current.get(caseId) !== read) return;
      if (attempt >= 6 || about.every((a) => shows(data.items, a))) return setBoard((b) => b && withCaseRows(b, caseId, data.items));
      await new Promise((r) => setTimeout(r, 150 * attempt));
    }
  };

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const burst = new Map<string, Alert[]>();
    const stop = followEvents(
      '/sla/alerts',
      currentToken,
      (m) => {
        if (m.event === 'token-expired') return;
        const data = JSON.parse(m.data) as Alert;
        const alert = { ...data, id: m.id, event: m.event ?? '' };
        setAlerts((list) => [alert, ...list].slice(0, 100));
        // Alerts come in bursts (goal missed, deadline passed, escalations): each case's rows are read once per burst.
        burst.set(alert.caseId, [...(burst.get(alert.caseId) ?? []), alert]);
        // Not restarted by each alert: a repeating escalation must not keep the rows from ever being redrawn.
        timer ??= setTimeout(() => {
          timer = undefined;
          const cases = [...burst];
          burst.clear();
          for (const [caseId, about] of cases) void refreshCase(caseId, about);
        }, BURST_MS);
      },
      setStream,
    );
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, []);

  const offices = [...new Set(board?.items.map((i) => i.office) ?? [])].sort();
  const shown = alerts.filter((a) => (!office || a.office === office) && (!type || board?.items.find((i) => i.caseId === a.caseId)?.type === type || !board));
  return (
    <section>
      <h1>
        {t('sla')} · {session.office}
      </h1>
      <form class="inline" onSubmit={(e) => e.preventDefault()}>
        <label for="filter-office">{t('filterOffice')}</label>
        <input id="filter-office" list="offices" value={office} inputMode="numeric" onChange={(e) => setOffice(e.currentTarget.value.trim())} />
        <datalist id="offices">
          {offices.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        <label for="filter-type">{t('filterType')}</label>
        <select id="filter-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
          <option value="">{t('allTypes')}</option>
          {TYPES.map((x) => (
            <option key={x} value={x}>
              {term(x)}
            </option>
          ))}
        </select>
      </form>
      <div class="counts" aria-live="polite">
        <p class="count sla-breached">
          {t('breachedCount')}: <strong data-count="breached">{board?.totals.breached ?? 0}</strong>
        </p>
        <p class="count sla-at-risk">
          {t('atRiskCount')}: <strong data-count="at-risk">{board?.totals['at-risk'] ?? 0}</strong>
        </p>
        <p class="stream">
          {t('live')}: {stream === 'open' ? t('connected') : t('reconnecting')}
        </p>
      </div>
      <div class="grid">
        <section class="card wide">
          <h2>{t('board')}</h2>
          {!board ? (
            <Loading error={error} />
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('caseId')}</th>
                  <th scope="col">{t('type')}</th>
                  <th scope="col">{t('office')}</th>
                  <th scope="col">{t('applicant')}</th>
                  <th scope="col">{t('clock')}</th>
                  <th scope="col">{t('deadline')}</th>
                  <th scope="col">{t('remaining')}</th>
                  <th scope="col">{t('escalation')}</th>
                </tr>
              </thead>
              <tbody>
                {board.items.map((i) => (
                  <tr key={`${i.caseId}-${i.clock}`} data-case={i.caseId}>
                    <td>
                      <SlaBadge state={i.state} />
                    </td>
                    <td>{i.caseId.slice(0, 8)}</td>
                    <td>{term(i.type)}</td>
                    <td>{i.office}</td>
                    <td>{i.applicant}</td>
                    <td>{i.clock}</td>
                    <td>{shanghaiTime(i.deadline, lang)}</td>
                    <td>{i.remainingWorkingDays ?? '—'}</td>
                    <td>{i.escalation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section class="card">
          <h2>{t('live')}</h2>
          <ol class="alerts" aria-live="polite" tabIndex={0} aria-label={t('live')}>
            {shown.map((a) => (
              <li key={a.id ?? `${a.caseId}-${a.at}-${a.event}`} data-alert={a.event}>
                <SlaBadge state={a.event === 'SlaGoalMissed' ? 'at-risk' : 'breached'} /> {term(a.event)} · {a.caseId.slice(0, 8)} · {a.office}
                {a.clock ? ` · ${a.clock}` : ''}
                {a.level !== undefined ? ` · ${t('level')} ${a.level}` : ''} · {shanghaiTime(a.at, lang)}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </section>
  );
}
