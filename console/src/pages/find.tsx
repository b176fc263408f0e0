import { useRef, useState } from 'preact/hooks';
import { api, problemText, type CaseView, type Schemas } from '../api/client';
import type { Session } from '../auth';
import { CaseList } from '../case-list';
import { useI18n } from '../i18n';

type Kind = keyof Schemas['Lookup'];
const KINDS: Kind[] = ['receipt', 'document', 'idNumber', 'passportNo'];

/** Where a found case opens: the caseworker acts on it, the supervisor audits it. */
export const caseLink = (session: Session, caseId: string) => (session.role === 'supervisor' ? `#/audit/${caseId}` : `#/case/${caseId}`);

/**
 * Finding a case by a receipt, document, ID or passport number. The number goes in the body of
 * POST /cases/lookup, never in the address bar (it would sit in the browser's history and in proxy logs);
 * every find is written to the case's access log by the API.
 */
export function FindPage({ session }: { session: Session }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('receipt');
  const [value, setValue] = useState('');
  const [found, setFound] = useState<CaseView[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const results = useRef<HTMLHeadingElement>(null);

  const search = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const { data, error: problem } = await api.POST('/cases/lookup', { body: { [kind]: value.trim() } });
      setFound(data?.items);
      setError(problem ? problemText(problem) : undefined);
    } catch (err) {
      setFound(undefined);
      setError(problemText(err));
    } finally {
      setBusy(false);
      // A keyboard or screen-reader user lands on what the search found.
      setTimeout(() => results.current?.focus());
    }
  };

  return (
    <section>
      <h1>{t('find')}</h1>
      <form class="card narrow" onSubmit={(e) => void search(e)}>
        <fieldset>
          <legend>{t('findBy')}</legend>
          {KINDS.map((k) => (
            <label key={k} class="choice">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(k)}
            </label>
          ))}
        </fieldset>
        <div class={`field ${error ? 'invalid' : ''}`}>
          <label for="find-value">{t(kind)}</label>
          <input
            id="find-value"
            value={value}
            required
            autoComplete="off"
            spellcheck={false}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'find-error' : undefined}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
          {error && (
            <p id="find-error" class="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {t('search')}
        </button>
      </form>
      {found && (
        <section class="card" aria-live="polite">
          <h2 ref={results} tabIndex={-1} data-found={found.length}>
            {t('found')}: {found.length}
          </h2>
          {found.length === 0 ? <p>{t('nothingFound')}</p> : <CaseList cases={found} link={(id) => caseLink(session, id)} applicant />}
        </section>
      )}
    </section>
  );
}
