import type { CaseView } from './api/client';
import { SlaBadge, worstState } from './components';
import { shanghaiTime } from './format';
import { useI18n } from './i18n';

/** Cases as a table, each linked where `link` says (the supervisor's list and the find page's results). */
export function CaseList({ cases, link, applicant = false }: { cases: CaseView[]; link: (caseId: string) => string; applicant?: boolean }) {
  const { t, term, lang } = useI18n();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('caseId')}</th>
          <th scope="col">{t('type')}</th>
          <th scope="col">{t('status')}</th>
          <th scope="col">{t('sla')}</th>
          {applicant && <th scope="col">{t('applicant')}</th>}
          <th scope="col">{t('handlingOffice')}</th>
          <th scope="col">{t('openedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.caseId} data-case={c.caseId}>
            <td>
              <a href={link(c.caseId)}>{c.caseId.slice(0, 8)}</a>
            </td>
            <td>{term(c.type)}</td>
            <td>{term(c.status)}</td>
            <td>
              <SlaBadge state={worstState(c.sla)} />
            </td>
            {applicant && <td>{c.applicant.name}</td>}
            <td>{c.handlingOffice}</td>
            <td>{shanghaiTime(c.openedAt, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
