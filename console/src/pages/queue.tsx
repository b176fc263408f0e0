import { api } from '../api/client';
import type { Session } from '../auth';
import { Loading, SlaBadge, useLoad, worstState } from '../components';
import { shanghaiTime } from '../format';
import { useI18n } from '../i18n';

/** The office's queue: cases waiting for it to act, most urgent first (the API's order). */
export function QueuePage({ session }: { session: Session }) {
  const { t, term, lang } = useI18n();
  const { data, error } = useLoad(() => api.GET('/queues/{office}', { params: { path: { office: session.office } } }), [session.office]);
  return (
    <section>
      <h1>
        {t('queue')} · {session.office}
      </h1>
      {!data ? (
        <Loading error={error} />
      ) : data.items.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('sla')}</th>
              <th scope="col">{t('deadline')}</th>
              <th scope="col">{t('remaining')}</th>
              <th scope="col">{t('type')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('applicant')}</th>
              <th scope="col">{t('caseId')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((c) => {
              const clock = c.sla[0];
              return (
                <tr key={c.caseId}>
                  <td>
                    <SlaBadge state={worstState(c.sla)} />
                  </td>
                  <td>{shanghaiTime(clock?.deadline, lang)}</td>
                  <td>{clock?.remainingWorkingDays ?? '—'}</td>
                  <td>{term(c.type)}</td>
                  <td>{term(c.status)}</td>
                  <td>{c.applicant.name}</td>
                  <td>
                    <a href={`#/case/${c.caseId}`}>{c.caseId.slice(0, 8)}</a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
