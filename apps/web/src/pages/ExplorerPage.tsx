import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../api/client.ts';
import type {
  Area,
  Codelist,
  IndicatorDetail,
  ObservationsResponse,
  Page,
  SeriesResponse,
  Site,
} from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { AreaPicker } from '../explorer/AreaPicker.tsx';
import { buildSeries, nonPositiveCount, yearsOf } from '../explorer/explorer.data.ts';
import {
  parseState,
  perCapitaAllowed,
  serializeState,
  type ExplorerState,
} from '../explorer/explorer.state.ts';
import { ExplorerControls } from '../explorer/ExplorerControls.tsx';
import { ExplorerDownloads } from '../explorer/ExplorerDownloads.tsx';
import { ExplorerNotes } from '../explorer/ExplorerNotes.tsx';
import { ExplorerSources } from '../explorer/ExplorerSources.tsx';
import { ExplorerTable } from '../explorer/ExplorerTable.tsx';
import { ExplorerTabs } from '../explorer/ExplorerTabs.tsx';
import { formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { navigate, useLocation } from '../router/router.ts';

// Observable Plot (with d3) and the map (d3-geo, the world atlas) load only when first shown.
// The chart's code starts loading with the page (not after the first answer), in parallel with the
// API calls: the first chart is what a visitor waits for.
const chartModule = import('../explorer/ExplorerChart.tsx');
const ExplorerChart = lazy(() => chartModule.then((m) => ({ default: m.ExplorerChart })));
const ExplorerMap = lazy(() =>
  import('../explorer/ExplorerMap.tsx').then((m) => ({ default: m.ExplorerMap })),
);

/**
 * The explorer: pick an indicator, a substance, areas and years; read them as a chart, a map, a
 * table, with their sources. Everything chosen lives in the URL, so a link reproduces the view.
 */
export function ExplorerPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { query } = useLocation();
  const [state, setState] = useState<ExplorerState>(() => parseState(query));
  const update = useCallback((patch: Partial<ExplorerState>) => setState((s) => ({ ...s, ...patch })), []);

  // Keep the URL a permalink of the view.
  useEffect(() => {
    navigate(`/explorer?${serializeState(state)}`, { replace: true });
  }, [state]);

  const indicators = useApi<{ items: IndicatorDetail[] }>('indicators');
  const indicator = indicators.data?.items.find((i) => i.code === state.indicator);

  const selection = {
    indicator: state.indicator,
    substance: indicator?.requiresSubstance === false ? null : state.substance,
    dim: state.dims,
  };
  const nothingChosen = state.areas.length + state.groups.length === 0;
  const canPerCapita = indicator === undefined || perCapitaAllowed(indicator);
  const measure = canPerCapita ? state.measure : 'value';

  const seriesQuery = {
    ...selection,
    area: state.areas.join(','),
    group: state.groups.join(','),
    measure,
  };
  // Every year of the chosen range comes back, gaps included (with their reasons).
  const base = useApi<SeriesResponse>(nothingChosen ? null : 'analytics/series', {
    ...seriesQuery,
    from: state.from,
    to: state.to,
  });
  // Without a range the answer spans the years with data; with one, the span is asked for apart
  // (it fills the year pickers).
  const ranged = state.from !== null || state.to !== null;
  // The embedded database answers one query at a time: the series goes first, the rest (names,
  // codelists, notes, year span) once it is in, so that the first chart is not queued behind them.
  const ready = nothingChosen || base.data !== undefined || base.error !== null;
  const later = (path: string | null) => (ready ? path : null);
  const areaList = useApi<Page<Area>>(later('areas'), { kind: 'country,territory,group', pageSize: 500 });
  const codelists = useApi<{ items: Codelist[] }>(later('codelists'));
  const hasSites = !!indicator?.dimensions.some((d) => d.dimension === 'site');
  const sites = useApi<{ items: Site[] }>(later(hasSites ? 'sites' : null));
  const spanAnswer = useApi<SeriesResponse>(
    later(nothingChosen || !ranged ? null : 'analytics/series'),
    seriesQuery,
  );
  const spanSource = ranged ? spanAnswer.data : base.data;
  const span = spanSource && spanSource.from !== null && spanSource.to !== null ? spanSource : null;
  const baseYear = state.from ?? base.data?.from ?? null;
  const indexed = useApi<SeriesResponse>(
    state.index && !nothingChosen && baseYear !== null ? 'analytics/series' : null,
    { ...seriesQuery, from: state.from, to: state.to, transform: 'index', baseYear },
  );
  const observationQuery = {
    ...selection,
    area: [...state.areas, ...state.groups].join(','),
    from: state.from,
    to: state.to,
  };
  const observations = useApi<ObservationsResponse>(later(nothingChosen ? null : 'observations'), {
    ...observationQuery,
    pageSize: 10000,
  });

  const shown = state.index ? indexed : base;
  const series = useMemo(
    () => (shown.data ? buildSeries(shown.data, observations.data?.items ?? [], state.from, state.to) : []),
    [shown.data, observations.data, state.from, state.to],
  );
  const years = useMemo(() => yearsOf(series), [series]);
  const spanYears = useMemo(() => {
    if (!span || span.from === null || span.to === null) return [];
    return Array.from({ length: span.to - span.from + 1 }, (_, i) => (span.from ?? 0) + i);
  }, [span]);

  // Names from the data, in the UI language.
  const unitNames = useMemo(() => {
    const unit = codelists.data?.items.find((c) => c.code === 'UNIT');
    return new Map((unit?.codes ?? []).map((c) => [c.code, c.name]));
  }, [codelists.data]);
  const statusNames = useMemo(() => {
    const status = codelists.data?.items.find((c) => c.code === 'OBS_STATUS');
    return Object.fromEntries((status?.codes ?? []).map((c) => [c.code, c.name]));
  }, [codelists.data]);

  const unitName = unitNames.get(base.data?.unit.code ?? indicator?.unit ?? '') ?? base.data?.unit.code ?? '';
  // What the numbers are in: the unit, per capita, as an index.
  const measureLabel =
    measure === 'per_capita'
      ? t('web:explorer.unit.perCapita', {
          unit: unitName,
          per: formatNumber(lang, base.data?.unit.per ?? 100_000),
        })
      : unitName;
  const unitLabel =
    state.index && baseYear !== null
      ? t('web:explorer.unit.index', { year: baseYear, unit: measureLabel })
      : measureLabel;

  const substanceName = shown.data?.substance?.name ?? null;
  const indicatorName = shown.data?.indicator.name ?? indicator?.name ?? state.indicator;
  const title = substanceName
    ? t('web:explorer.chartTitle', { indicator: indicatorName, substance: substanceName })
    : indicatorName;
  const firstYear = years[0];
  const lastYear = years[years.length - 1];
  const yearsText =
    firstYear === undefined || lastYear === undefined
      ? ''
      : firstYear === lastYear
        ? String(firstYear)
        : t('web:explorer.yearRange', { from: firstYear, to: lastYear });
  // Fixed breakdowns (women, a monitoring site, …) belong in the subtitle: they change what is counted.
  const dimLabels = state.dims.map((dim) => {
    const [dimension = '', ...rest] = dim.split(':');
    const value = rest.join(':');
    if (dimension === 'site') return sites.data?.items.find((s) => s.code === value)?.name ?? value;
    const listCode = indicator?.dimensions.find((d) => d.dimension === dimension)?.codelist;
    const list = codelists.data?.items.find((c) => c.code === listCode);
    return list?.codes.find((c) => c.code === value)?.name ?? value;
  });
  const subtitle = [...dimLabels, unitLabel, yearsText].filter(Boolean).join(' · ');

  const mapYear = state.mapYear ?? lastYear ?? span?.to ?? null;
  const mapYears = [...new Set([...spanYears, ...years, ...(mapYear === null ? [] : [mapYear])])].sort(
    (a, b) => a - b,
  );
  const skippedOnLog = state.log ? nonPositiveCount(series) : 0;
  const allMissing = series.length > 0 && series.every((s) => s.points.every((p) => p.value === null));

  // The drawing that SVG and PNG downloads take: the chart's or the map's.
  const chartSvg = useRef<SVGSVGElement | null>(null);
  const mapSvg = useRef<SVGSVGElement | null>(null);
  const onChartRender = useCallback((svg: SVGSVGElement | null) => {
    chartSvg.current = svg;
  }, []);

  const error = indicators.error ?? base.error ?? indexed.error;
  const reload = () => {
    indicators.reload();
    base.reload();
    indexed.reload();
  };

  return (
    <>
      <PageHeader title={t('web:explorer.title')} intro={t('web:explorer.intro')} />
      <div className="explorer">
        <form
          className="explorer-controls"
          aria-label={t('web:explorer.controls')}
          onSubmit={(e) => e.preventDefault()}
        >
          <ExplorerControls
            state={state}
            indicators={indicators.data?.items ?? []}
            indicator={indicator}
            codelists={codelists.data?.items ?? []}
            sites={(sites.data?.items ?? []).filter(
              (s) => state.areas.length === 0 || state.areas.includes(s.country.code),
            )}
            spanYears={spanYears}
            onChange={update}
          />
          <AreaPicker
            areas={areaList.data?.items ?? []}
            selectedAreas={state.areas}
            selectedGroups={state.groups}
            knownNames={Object.fromEntries((base.data?.series ?? []).map((x) => [x.area.code, x.area.name]))}
            onChange={(areas, groups) => update({ areas, groups })}
          />
        </form>

        <section
          className="explorer-main"
          aria-labelledby="explorer-title"
          aria-busy={base.loading || indexed.loading}
        >
          <header className="explorer-heading">
            <h2 id="explorer-title">{title}</h2>
            {subtitle && <p className="explorer-subtitle">{subtitle}</p>}
          </header>

          {indicator?.comparability && (
            <aside className="comparability" aria-label={t('web:explorer.comparability')}>
              <strong>{t('web:explorer.comparability')}:</strong> {indicator.comparability}
            </aside>
          )}

          <fieldset className="view-options">
            <legend className="visually-hidden">{t('web:explorer.view.label')}</legend>
            <div className="segmented" role="radiogroup" aria-label={t('web:explorer.view.measure')}>
              <label className={measure === 'value' ? 'checked' : undefined}>
                <input
                  type="radio"
                  name="measure"
                  value="value"
                  checked={measure === 'value'}
                  onChange={() => update({ measure: 'value' })}
                />
                {t('web:explorer.view.absolute')}
              </label>
              <label className={measure === 'per_capita' ? 'checked' : undefined}>
                <input
                  type="radio"
                  name="measure"
                  value="per_capita"
                  checked={measure === 'per_capita'}
                  disabled={!canPerCapita}
                  onChange={() => update({ measure: 'per_capita' })}
                />
                {t('web:explorer.view.perCapita', { per: formatNumber(lang, 100_000) })}
              </label>
            </div>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={state.index}
                onChange={(e) => update({ index: e.target.checked })}
              />
              {t('web:explorer.view.index')}
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={state.log}
                onChange={(e) => update({ log: e.target.checked })}
              />
              {t('web:explorer.view.log')}
            </label>
          </fieldset>
          {!canPerCapita && <p className="hint">{t('web:explorer.view.perCapitaUnavailable')}</p>}

          <ExplorerTabs tab={state.tab} onChange={(tab) => update({ tab })}>
            {nothingChosen && <p className="notice">{t('web:explorer.chooseAreas')}</p>}
            {!nothingChosen && error && <ErrorMessage error={error} onRetry={reload} />}
            {!nothingChosen && !error && !shown.data && <Loading />}
            {!nothingChosen && !error && shown.data && (
              <>
                {allMissing && <p className="notice">{t('web:explorer.noNumbers')}</p>}
                {state.tab === 'chart' && (
                  <Suspense fallback={<Loading />}>
                    <Legend series={series} />
                    <ExplorerChart
                      series={series}
                      years={years}
                      log={state.log}
                      indexLine={state.index}
                      yLabel={unitLabel}
                      title={title}
                      statusNames={statusNames}
                      onRender={onChartRender}
                    />
                    {skippedOnLog > 0 && (
                      <p className="hint">{t('web:explorer.logSkipped', { count: skippedOnLog })}</p>
                    )}
                    <ExplorerNotes series={series} statusNames={statusNames} />
                  </Suspense>
                )}
                {state.tab === 'map' && mapYear !== null && (
                  <Suspense fallback={<Loading />}>
                    {state.index && <p className="hint">{t('web:explorer.map.noIndex')}</p>}
                    <ExplorerMap
                      indicator={state.indicator}
                      substance={selection.substance}
                      dims={state.dims}
                      measure={measure}
                      areas={areaList.data?.items ?? []}
                      selectedAreas={state.areas}
                      selectedGroups={state.groups}
                      years={mapYears}
                      year={mapYear}
                      onYearChange={(y) => update({ mapYear: y })}
                      unitLabel={measureLabel}
                      title={title}
                      svgRef={mapSvg}
                    />
                  </Suspense>
                )}
                {state.tab === 'table' && (
                  <ExplorerTable
                    series={series}
                    caption={`${title} (${subtitle})`}
                    unitLabel={unitLabel}
                    statusNames={statusNames}
                    sources={shown.data.sources}
                  />
                )}
                {state.tab === 'sources' && indicator && (
                  <ExplorerSources
                    indicator={indicator}
                    unitLabel={unitName}
                    sources={shown.data.sources}
                    measure={measure}
                    index={state.index}
                    hasGroups={state.groups.length > 0}
                    preferenceRule={observations.data?.preferenceRule ?? null}
                  />
                )}
              </>
            )}
          </ExplorerTabs>

          <ExplorerDownloads
            csvUrl={
              nothingChosen ? null : apiUrl('observations', lang, { ...observationQuery, format: 'csv' })
            }
            xlsxUrl={
              nothingChosen ? null : apiUrl('observations', lang, { ...observationQuery, format: 'xlsx' })
            }
            drawing={state.tab === 'chart' ? chartSvg : state.tab === 'map' ? mapSvg : null}
            exportText={{
              title: state.tab === 'map' && mapYear !== null ? `${title}, ${mapYear}` : title,
              // The map shows one year (in its title): its subtitle says what, not over which years.
              subtitle: state.tab === 'map' ? [...dimLabels, measureLabel].join(' · ') : subtitle,
              legend:
                state.tab === 'chart'
                  ? series.map((s) => ({ label: s.name, color: s.color, dashed: s.kind === 'group' }))
                  : [],
              footer: [
                t('web:explorer.downloads.sourceLine', {
                  sources: (shown.data?.sources ?? []).map((s) => `${s.publisher}, ${s.title}`).join('; '),
                }),
                t('web:explorer.downloads.madeWith', { url: window.location.href }),
              ],
            }}
            fileStem={[
              state.indicator,
              selection.substance,
              firstYear,
              lastYear,
              state.tab === 'map' ? mapYear : null,
            ]}
          />
        </section>
      </div>
    </>
  );
}

/** Which line is which (groups dashed). */
function Legend({ series }: { series: { code: string; name: string; color: string; kind: string }[] }) {
  const { t } = useTranslation();
  if (series.length === 0) return null;
  return (
    <ul className="chart-legend" aria-label={t('web:explorer.chart.legend')}>
      {series.map((s) => (
        <li key={s.code}>
          <span
            className={`swatch${s.kind === 'group' ? ' swatch-dashed' : ''}`}
            style={{ color: s.color }}
          />
          {s.name}
        </li>
      ))}
    </ul>
  );
}
