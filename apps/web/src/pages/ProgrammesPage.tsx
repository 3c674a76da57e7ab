import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { BiText } from '../dialogue/Bilingual.tsx';
import { formatPeriod } from '../dialogue/format.ts';
import { ProgrammeForm } from '../dialogue/ProgrammeForm.tsx';
import type { ProgrammeSummary } from '../dialogue/types.ts';
import { useCanEdit } from '../dialogue/useCanEdit.ts';
import { useLanguage } from '../i18n/useLanguage.ts';

/** Cooperation programmes (e.g. CADAP 7): funder, implementer, countries, period. */
export function ProgrammesPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const canEdit = useCanEdit();
  const { data, error, loading, reload } = useApi<Page<ProgrammeSummary>>('programmes', { pageSize: 100 });
  const none = t('web:notAvailable');
  return (
    <>
      <PageHeader title={t('dialogueWeb:programme.title')} intro={t('dialogueWeb:programme.intro')} />
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {!data && loading && <Loading />}
      {data && data.items.length === 0 && <p className="notice">{t('dialogueWeb:programme.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('dialogueWeb:programme.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dialogueWeb:programme.name')}</th>
                <th scope="col">{t('dialogueWeb:programme.funder')}</th>
                <th scope="col">{t('dialogueWeb:programme.implementer')}</th>
                <th scope="col">{t('dialogueWeb:programme.countries')}</th>
                <th scope="col">{t('dialogueWeb:programme.period')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.code}>
                  <th scope="row">
                    <Link to={`/programmes/${encodeURIComponent(p.code)}`}>
                      <BiText en={p.nameEn} ru={p.nameRu} />
                    </Link>{' '}
                    <span className="secondary-code">{p.code}</span>
                  </th>
                  <td>
                    <BiText en={p.funderEn} ru={p.funderRu} empty={none} />
                  </td>
                  <td>
                    <BiText en={p.implementerEn} ru={p.implementerRu} empty={none} />
                  </td>
                  <td>{p.countries.length ? p.countries.map((c) => c.name).join(', ') : none}</td>
                  <td>{formatPeriod(lang, p.startDate, p.endDate) ?? none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && (
        <section aria-labelledby="new-programme-heading">
          <h2 id="new-programme-heading">{t('dialogueWeb:programme.new')}</h2>
          <ProgrammeForm />
        </section>
      )}
    </>
  );
}
