import { useId, useMemo, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area, Measure, RankingResponse } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { formatValue } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { ChoroplethMap, type MapDatum } from '../map/ChoroplethMap.tsx';

export interface ExplorerMapProps {
  indicator: string;
  substance: string | null;
  dims: string[];
  measure: Measure;
  /** Every area with its atlas id (countries) and groups. */
  areas: Area[];
  /** Selected countries (outlined) and groups (their members are mapped). */
  selectedAreas: string[];
  selectedGroups: string[];
  years: number[];
  year: number;
  onYearChange: (year: number) => void;
  unitLabel: string;
  title: string;
  svgRef: Ref<SVGSVGElement>;
}

/** The groups mapped in any case: Europe, Central Asia and Afghanistan's neighbourhood. */
const REGION_GROUPS = ['EU27', 'CA5', 'AFG_CORRIDOR'];

/** The map tab: one year's values (or per capita rates) across Europe and Central Asia. */
export function ExplorerMap(props: ExplorerMapProps) {
  const { indicator, substance, dims, measure, areas, selectedAreas, selectedGroups, years, year } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const yearId = useId();
  const known = new Set(areas.map((a) => a.code));
  const scope = [
    ...new Set([...REGION_GROUPS.filter((g) => known.has(g)), ...selectedGroups, ...selectedAreas]),
  ].join(',');
  // Wait for the area list: it says which region groups exist (and gives the atlas ids).
  const ranking = useApi<RankingResponse>(areas.length > 0 ? 'analytics/ranking' : null, {
    indicator,
    substance,
    dim: dims,
    measure,
    year,
    area: scope,
  });

  const data = useMemo((): MapDatum[] => {
    const atlas = new Map(areas.map((a) => [a.code, a.atlasId]));
    return (ranking.data?.items ?? []).flatMap((item) => {
      const atlasId = atlas.get(item.area.code);
      return atlasId
        ? [
            {
              atlasId,
              name: item.area.name,
              value: item.value,
              reason: item.value === null ? (item.issue?.message ?? null) : null,
            },
          ]
        : [];
    });
  }, [ranking.data, areas]);

  const highlight = useMemo(() => {
    const atlas = new Map(areas.map((a) => [a.code, a.atlasId]));
    return selectedAreas.flatMap((code) => atlas.get(code) ?? []);
  }, [areas, selectedAreas]);

  const withData = data.filter((d) => d.value !== null).length;

  return (
    <div className="explorer-map">
      <div className="map-toolbar">
        <label htmlFor={yearId}>{t('web:explorer.map.year')}</label>
        <select id={yearId} value={year} onChange={(event) => props.onYearChange(Number(event.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        {ranking.data && (
          <span className="hint" role="status">
            {t('web:explorer.map.count', { count: withData, year })}
          </span>
        )}
      </div>
      {ranking.error && <ErrorMessage error={ranking.error} onRetry={ranking.reload} />}
      {!ranking.data && !ranking.error && <Loading />}
      {ranking.data && (
        <ChoroplethMap
          data={data}
          label={t('web:explorer.map.label', { title: props.title, year, unit: props.unitLabel })}
          format={(v) => formatValue(lang, v)}
          highlight={highlight}
          svgRef={props.svgRef}
        />
      )}
    </div>
  );
}
