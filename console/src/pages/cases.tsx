import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { Loading, useLoad } from '../components';
import { CaseList } from '../case-list';
import { useI18n } from '../i18n';

/** A supervisor's cases in the province, newest first, each linked to its audit. */
export function CasesPage() {
  const { t } = useI18n();
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
      {!data ? <Loading error={error} /> : <CaseList cases={data.items} link={(id) => `#/audit/${id}`} />}
    </section>
  );
}
