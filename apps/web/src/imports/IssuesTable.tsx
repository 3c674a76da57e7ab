import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { Pager } from '../components/Pager.tsx';
import { formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import type { ImportIssue } from './imports.types.ts';

const PAGE_SIZE = 50;
const SEVERITIES = ['', 'error', 'warning', 'info'] as const;

/** The validation report of a batch: row, column, severity, message; filter, pages and a CSV download. */
export function IssuesTable({ batchId }: { batchId: number }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const filterId = useId();
  const [severity, setSeverity] = useState<(typeof SEVERITIES)[number]>('');
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi<Page<ImportIssue>>(`imports/${batchId}/issues`, {
    severity,
    page,
    pageSize: PAGE_SIZE,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <section className="import-issues" aria-labelledby={`${filterId}-title`}>
      <h3 id={`${filterId}-title`}>{t('web:imports.issues.title')}</h3>
      <div className="filter-row import-issues-tools">
        <div className="field">
          <label htmlFor={filterId}>{t('web:imports.issues.severityFilter')}</label>
          <select
            id={filterId}
            value={severity}
            onChange={(event) => {
              setSeverity(event.target.value as (typeof SEVERITIES)[number]);
              setPage(1);
            }}
          >
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s === '' ? t('web:imports.issues.all') : t(`web:imports.severity.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <a
          className="button button-secondary"
          href={apiUrl(`imports/${batchId}/issues`, lang, { format: 'csv', severity })}
          download
        >
          {t('web:imports.issues.download')}
        </a>
      </div>
      {error ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : data.total === 0 ? (
        <p className="notice" role="status">
          {severity === '' ? t('web:imports.issues.none') : t('web:imports.issues.noneFiltered')}
        </p>
      ) : (
        <>
          <p className="result-count" role="status">
            {t('web:imports.issues.count', { count: data.total })}
          </p>
          <div
            className="table-wrap"
            aria-busy={loading}
            tabIndex={0}
            role="region"
            aria-labelledby={`${filterId}-title`}
          >
            <table className="data-table import-issues-table">
              <caption className="visually-hidden">{t('web:imports.issues.title')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('web:imports.issues.row')}
                  </th>
                  <th scope="col">{t('web:imports.issues.column')}</th>
                  <th scope="col">{t('web:imports.issues.severity')}</th>
                  <th scope="col">{t('web:imports.issues.message')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((issue, index) => (
                  <tr key={`${issue.row ?? ''}-${issue.code}-${index}`}>
                    <td className="num">{issue.row === null ? '—' : formatNumber(lang, issue.row)}</td>
                    <td>{issue.column ?? '—'}</td>
                    <td>
                      <span className={`severity severity-${issue.severity}`}>
                        {t(`web:imports.severity.${issue.severity}`)}
                      </span>
                    </td>
                    <td>{issue.message[lang]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pages={pages} onPage={setPage} label={t('web:imports.issues.pages')} />
        </>
      )}
    </section>
  );
}
