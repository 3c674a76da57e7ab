import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area, SeriesResponse, SourceRef } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatNumber, formatValue } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import {
  formatChange,
  ObservationDetails,
  SignalList,
  SourceList,
  Sparkline,
  useUnitName,
} from '../profiles/ProfileParts.tsx';
import { explorerHref, HEADLINE_SUBSTANCES, latestOf, uniqueSources } from '../profiles/profile.ts';
import { useLocation } from '../router/router.ts';

interface Row {
  indicator: string;
  substance: string | null;
  perCapita: boolean;
  /** Left out when the country has no number at all (opium cultivation outside Afghanistan). */
  optional: boolean;
}

const ROWS: Row[] = [
  ...HEADLINE_SUBSTANCES.map((substance) => ({
    indicator: 'SZR_QTY',
    substance,
    perCapita: true,
    optional: false,
  })),
  { indicator: 'DRD_DEATHS', substance: null, perCapita: true, optional: false },
  { indicator: 'CULT_OPIUM_HA', substance: null, perCapita: false, optional: true },
  { indicator: 'POP_TOTAL', substance: null, perCapita: false, optional: false },
];

function IndicatorRow({
  row,
  area,
  onSources,
}: {
  row: Row;
  area: string;
  onSources: (key: string, sources: SourceRef[]) => void;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const unitName = useUnitName();
  const query = { indicator: row.indicator, substance: row.substance, area };
  const base = useApi<SeriesResponse>('analytics/series', query);
  const perCapita = useApi<SeriesResponse>(row.perCapita ? 'analytics/series' : null, {
    ...query,
    measure: 'per_capita',
  });
  const key = `${row.indicator}-${row.substance ?? ''}`;
  useEffect(() => {
    if (base.data) onSources(key, base.data.sources);
  }, [base.data, key, onSources]);
  if (base.error) {
    return row.optional ? null : (
      <tr>
        <th scope="row">{row.substance ?? row.indicator}</th>
        <td colSpan={6}>
          <ErrorMessage error={base.error} onRetry={base.reload} />
        </td>
      </tr>
    );
  }
  if (!base.data) return null;
  const points = base.data.series[0]?.points ?? [];
  const latest = latestOf(points);
  if (!latest && row.optional) return null;
  const name = base.data.substance
    ? t('web:explorer.chartTitle', {
        indicator: base.data.indicator.name,
        substance: base.data.substance.name,
      })
    : base.data.indicator.name;
  const perPoint =
    latest && perCapita.data
      ? perCapita.data.series[0]?.points.find((p) => p.year === latest.point.year)
      : undefined;
  return (
    <tr>
      <th scope="row">
        {name}
        <span className="secondary">{unitName(base.data.unit.code)}</span>
      </th>
      <td className="num">
        {latest ? (
          <Link
            to={explorerHref({
              indicator: row.indicator,
              substance: row.substance,
              areas: [area],
              tab: 'table',
            })}
            aria-label={t('web:profile.valueLink', {
              name,
              year: latest.point.year,
              value: formatValue(lang, latest.point.value),
            })}
          >
            {formatValue(lang, latest.point.value)}
          </Link>
        ) : (
          <span>{t('web:profile.noNumber')}</span>
        )}
      </td>
      <td className="num">{latest?.point.year ?? '—'}</td>
      <td className="num">
        {latest?.change != null && latest.previous
          ? t('web:profile.changeFrom', {
              change: formatChange(lang, latest.change),
              year: latest.previous.year,
            })
          : '—'}
      </td>
      <td>
        <Sparkline points={points} label={t('web:profile.trendOf', { name })} />
      </td>
      <td className="num">
        {perPoint && perPoint.value !== null
          ? formatValue(lang, perPoint.value)
          : row.perCapita && latest
            ? '—'
            : ''}
      </td>
      <td>
        {base.data.sources.map((s) => s.publisher).join(', ')}
        {latest && <ObservationDetails ids={latest.point.observationIds} />}
      </td>
    </tr>
  );
}

/** `/countries/:code`: key indicators with trends, latest signals and sources of one country. */
export function CountryProfilePage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { pathname } = useLocation();
  const code = decodeURIComponent(pathname.split('/')[2] ?? '').toUpperCase();
  const area = useApi<Area>(`areas/${encodeURIComponent(code)}`);
  const [sources, setSources] = useState<Record<string, SourceRef[]>>({});
  const onSources = useCallback(
    (key: string, list: SourceRef[]) => setSources((current) => ({ ...current, [key]: list })),
    [],
  );

  if (area.error)
    return (
      <>
        <PageHeader title={t('web:profile.countryTitle')} />
        <ErrorMessage error={area.error} onRetry={area.reload} />
        <p>
          <Link to="/countries">{t('web:profile.backToCountries')}</Link>
        </p>
      </>
    );
  if (!area.data) return <Loading />;
  const name = area.data.name;
  return (
    <>
      <PageHeader title={name} intro={area.data.officialName ?? undefined} />
      <p>
        <Link to="/countries">{t('web:profile.backToCountries')}</Link>
      </p>
      <section aria-labelledby="indicators-heading">
        <h2 id="indicators-heading">{t('web:profile.keyIndicators')}</h2>
        <div className="table-wrap">
          <table className="data-table profile-table">
            <caption className="visually-hidden">{t('web:profile.keyIndicatorsOf', { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web:profile.indicator')}</th>
                <th scope="col" className="num">
                  {t('web:profile.latest')}
                </th>
                <th scope="col" className="num">
                  {t('web:profile.year')}
                </th>
                <th scope="col" className="num">
                  {t('web:profile.change')}
                </th>
                <th scope="col">{t('web:profile.trend')}</th>
                <th scope="col" className="num">
                  {t('web:profile.perCapita', { per: formatNumber(lang, 100_000) })}
                </th>
                <th scope="col">{t('web:profile.source')}</th>
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) => (
                <IndicatorRow
                  key={`${row.indicator}-${row.substance ?? ''}`}
                  row={row}
                  area={code}
                  onSources={onSources}
                />
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <Link to={explorerHref({ indicator: 'SZR_QTY', substance: 'heroin', areas: [code] })}>
            {t('web:profile.openInExplorer')}
          </Link>
        </p>
      </section>
      <section aria-labelledby="country-signals-heading">
        <h2 id="country-signals-heading">{t('web:profile.signals')}</h2>
        <SignalList query={{ area: code }} headingId="country-signals-heading" />
      </section>
      <section aria-labelledby="country-sources-heading">
        <h2 id="country-sources-heading">{t('web:profile.sources')}</h2>
        <SourceList
          sources={uniqueSources(ROWS.map((r) => sources[`${r.indicator}-${r.substance ?? ''}`]))}
        />
      </section>
    </>
  );
}
