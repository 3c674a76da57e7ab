import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { BiText } from '../dialogue/Bilingual.tsx';
import { StrategyForm } from '../dialogue/StrategyForm.tsx';
import type { StrategySummary } from '../dialogue/types.ts';
import { useCanEdit } from '../dialogue/useCanEdit.ts';

/** Strategies and action plans: EU, regional and national. */
export function StrategiesPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const { data, error, loading, reload } = useApi<Page<StrategySummary>>('strategies', { pageSize: 100 });
  const none = t('web:notAvailable');
  return (
    <>
      <PageHeader title={t('dialogueWeb:strategy.title')} intro={t('dialogueWeb:strategy.intro')} />
      <p>
        <Link to="/programmes">{t('dialogueWeb:programme.all')}</Link>
      </p>
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {!data && loading && <Loading />}
      {data && data.items.length === 0 && <p className="notice">{t('dialogueWeb:strategy.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('dialogueWeb:strategy.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dialogueWeb:strategy.name')}</th>
                <th scope="col">{t('dialogueWeb:strategy.scope')}</th>
                <th scope="col">{t('dialogueWeb:strategy.period')}</th>
                <th scope="col">{t('dialogueWeb:strategy.adoptedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((s) => (
                <tr key={s.code}>
                  <th scope="row">
                    <Link to={`/strategies/${encodeURIComponent(s.code)}`}>
                      <BiText en={s.titleEn} ru={s.titleRu} />
                    </Link>{' '}
                    <span className="secondary-code">{s.code}</span>
                  </th>
                  <td>
                    {t(`dialogueWeb:scope.${s.scope}`)}
                    {s.area && ` — ${s.area.name}`}
                  </td>
                  <td>
                    {s.periodStart}–{s.periodEnd}
                  </td>
                  <td>
                    <BiText en={s.adoptedByEn} ru={s.adoptedByRu} empty={none} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && (
        <section aria-labelledby="new-strategy-heading">
          <h2 id="new-strategy-heading">{t('dialogueWeb:strategy.new')}</h2>
          <StrategyForm />
        </section>
      )}
    </>
  );
}
