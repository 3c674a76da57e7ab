import { useTranslation } from 'react-i18next';
import type { Codelist, Indicator } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

/** Names of the indicator domains (EUDA key indicators and related collections). */
function useDomainNames(): Record<string, string> {
  const { t } = useTranslation();
  return {
    SZR: t('web:indicators.domainSZR'),
    CULT: t('web:indicators.domainCULT'),
    POP: t('web:indicators.domainPOP'),
    DRD: t('web:indicators.domainDRD'),
    TDI: t('web:indicators.domainTDI'),
    PPP: t('web:indicators.domainPPP'),
    GPS: t('web:indicators.domainGPS'),
    WW: t('web:indicators.domainWW'),
  };
}

/** The indicator catalogue as a table: name and definition, domain, unit, protocol. */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const domains = useDomainNames();
  const { data, error, loading, reload } = useApi<{ items: Indicator[] }>('indicators');
  // Unit names come from the UNIT codelist, in the UI language; the code is shown until they arrive.
  const units = useApi<Codelist>('codelists/UNIT');
  const unitName = (code: string) => units.data?.codes.find((c) => c.code === code)?.name ?? code;

  return (
    <>
      <PageHeader title={t('web:indicators.title')} intro={t('web:indicators.intro')} />
      {data && (
        <p className="result-count" role="status">
          {t('web:indicators.count', { count: data.items.length })}
        </p>
      )}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {!data && !error && loading && <Loading />}
      {data && data.items.length === 0 && <p className="notice">{t('web:indicators.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap" aria-busy={loading}>
          <table className="data-table">
            <caption className="visually-hidden">{t('web:indicators.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web:indicators.name')}</th>
                <th scope="col">{t('web:indicators.domain')}</th>
                <th scope="col">{t('web:indicators.unit')}</th>
                <th scope="col">{t('web:indicators.protocol')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((indicator) => (
                <tr key={indicator.code}>
                  <th scope="row">
                    <span className="indicator-name">{indicator.name}</span>
                    {indicator.description && <span className="secondary">{indicator.description}</span>}
                    <code className="secondary-code">{indicator.code}</code>
                  </th>
                  <td>
                    <span className="tag tag-domain">{indicator.domain}</span>{' '}
                    {domains[indicator.domain] ?? ''}
                  </td>
                  <td>{unitName(indicator.unit)}</td>
                  <td className="protocol">{indicator.protocol ?? t('web:notAvailable')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
