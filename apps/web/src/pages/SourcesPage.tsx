import { useTranslation } from 'react-i18next';
import type { Page, Source } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';

/** Registered data sources: who published what, when, under which licence, and how much we hold. */
export function SourcesPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { data, error, loading, reload } = useApi<Page<Source>>('sources', { pageSize: 1000 });
  const none = t('web:notAvailable');

  return (
    <>
      <PageHeader title={t('web:sources.title')} intro={t('web:sources.intro')} />
      {data && (
        <p className="result-count" role="status">
          {t('web:sources.count', { count: data.total })}
        </p>
      )}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {!data && !error && loading && <Loading />}
      {data && data.items.length === 0 && <p className="notice">{t('web:sources.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap" aria-busy={loading}>
          <table className="data-table">
            <caption className="visually-hidden">{t('web:sources.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web:sources.titleColumn')}</th>
                <th scope="col">{t('web:sources.publisher')}</th>
                <th scope="col">{t('web:sources.table')}</th>
                <th scope="col" className="num">
                  {t('web:sources.year')}
                </th>
                <th scope="col">{t('web:sources.licence')}</th>
                <th scope="col" className="num">
                  {t('web:sources.observations')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((source) => (
                <tr key={source.code}>
                  <th scope="row">
                    {source.url ? (
                      <a href={source.url} rel="noreferrer">
                        {source.title}
                      </a>
                    ) : (
                      source.title
                    )}
                    {source.edition && <span className="secondary">{source.edition}</span>}
                    {source.notes && <span className="secondary">{source.notes}</span>}
                  </th>
                  <td>{source.publisher}</td>
                  <td>{source.tableName ?? none}</td>
                  {/* Years are identifiers, not quantities: no thousands separator. */}
                  <td className="num">{source.year ?? none}</td>
                  <td>{source.licence ?? none}</td>
                  <td className="num">{formatNumber(lang, source.observationCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
