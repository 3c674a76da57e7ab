import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { Pager } from '../components/Pager.tsx';
import { formatDateTime, formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { BatchLink, useWho } from './BatchView.tsx';
import type { ImportBatch } from './imports.types.ts';

const PAGE_SIZE = 25;

/** Import batches, newest first: file, mapping, who, when, status and counts; each opens its detail. */
export function ImportHistory() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const who = useWho();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi<Page<ImportBatch>>('imports', {
    page,
    pageSize: PAGE_SIZE,
  });

  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  if (data.total === 0) return <p className="notice">{t('web:imports.history.empty')}</p>;
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const n = (key: string, batch: ImportBatch) =>
    batch.counts[key] === undefined ? '—' : formatNumber(lang, batch.counts[key]);

  return (
    <>
      <p className="result-count" role="status">
        {t('web:imports.history.count', { count: data.total })}
      </p>
      <div
        className="table-wrap"
        aria-busy={loading}
        tabIndex={0}
        role="region"
        aria-label={t('web:imports.history.title')}
      >
        <table className="data-table import-history">
          <caption className="visually-hidden">{t('web:imports.history.title')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('web:imports.batch')}
              </th>
              <th scope="col">{t('web:imports.file')}</th>
              <th scope="col">{t('web:imports.spec')}</th>
              <th scope="col">{t('web:imports.who')}</th>
              <th scope="col">{t('web:imports.when')}</th>
              <th scope="col">{t('web:imports.status')}</th>
              <th scope="col" className="num">
                {t('web:imports.counts.inserted')}
              </th>
              <th scope="col" className="num">
                {t('web:imports.counts.updated')}
              </th>
              <th scope="col" className="num">
                {t('web:imports.counts.errorsWarnings')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((batch) => (
              <tr key={batch.id}>
                <th scope="row" className="num">
                  <BatchLink id={batch.id} label={t('web:imports.batchTitle', { id: batch.id })}>
                    {batch.id}
                  </BatchLink>
                </th>
                <td>{batch.file.name}</td>
                <td>
                  <code>{batch.spec.name}</code>
                </td>
                <td>{who(batch)}</td>
                <td className="nowrap">{formatDateTime(lang, batch.createdAt)}</td>
                <td>
                  <span className={`import-status import-status-${batch.status}`}>{batch.statusText}</span>
                </td>
                <td className="num">{n('inserted', batch)}</td>
                <td className="num">{n('updated', batch)}</td>
                <td className="num">
                  {formatNumber(lang, batch.errorCount)} / {formatNumber(lang, batch.warningCount)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={pages} onPage={setPage} label={t('web:imports.history.pages')} />
    </>
  );
}
