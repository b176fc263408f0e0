import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { Loading, SlaBadge, useLoad, worstState } from '../components';
import { shanghaiTime } from '../format';
import { useI18n } from '../i18n';

/** A supervisor's cases in the province, newest first, each linked to its audit. */
export function CasesPage() {
  const { t, term, lang } = useI18n();
  const { data, error } = useLoad(() => api.GET('/cases', { params: { query: { limit: 100 } } }), []);
  const [find, setFind] = useState('');
  return (
    <section>
      <h1>{t('cases')}</h1>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (find.trim()) location.hash = `#/audit/${find.trim()}`;
        }}
      >
        <label for="find">{t('findCase')}</label>
        <input id="find" value={find} onInput={(e) => setFind(e.currentTarget.value)} />
        <button type="submit">{t('go')}</button>
      </form>
      {!data ? (
        <Loading error={error} />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('caseId')}</th>
              <th scope="col">{t('type')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('sla')}</th>
              <th scope="col">{t('handlingOffice')}</th>
              <th scope="col">{t('openedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((c) => (
              <tr key={c.caseId}>
                <td>
                  <a href={`#/audit/${c.caseId}`}>{c.caseId.slice(0, 8)}</a>
                </td>
                <td>{term(c.type)}</td>
                <td>{term(c.status)}</td>
                <td>
                  <SlaBadge state={worstState(c.sla)} />
                </td>
                <td>{c.handlingOffice}</td>
                <td>{shanghaiTime(c.openedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
