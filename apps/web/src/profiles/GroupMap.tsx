import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area, Page, RankingResponse } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { formatValue } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { ChoroplethMap, type MapDatum } from '../map/ChoroplethMap.tsx';
import { useUnitName } from './ProfileParts.tsx';

/** Europe, Central Asia and Afghanistan's neighbourhood are mapped whatever the group. */
const SCOPE = 'EU27,CA5,AFG_CORRIDOR';

/**
 * The overview's map: one indicator in one year, the group's members outlined, with the numbers
 * again as a table (the text alternative). Loaded lazily: it brings d3-geo and the atlas.
 */
export function GroupMap(props: {
  indicator: string;
  substance: string;
  year: number;
  members: string[];
  title: string;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const unitName = useUnitName();
  const areas = useApi<Page<Area>>('areas', { kind: 'country', pageSize: 500 });
  const ranking = useApi<RankingResponse>('analytics/ranking', {
    indicator: props.indicator,
    substance: props.substance,
    year: props.year,
    area: SCOPE,
  });
  const atlas = useMemo(
    () => new Map((areas.data?.items ?? []).map((a) => [a.code, a.atlasId])),
    [areas.data],
  );
  const data = useMemo(
    (): MapDatum[] =>
      (ranking.data?.items ?? []).flatMap((item) => {
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
      }),
    [ranking.data, atlas],
  );
  const highlight = props.members.flatMap((code) => atlas.get(code) ?? []);
  const error = areas.error ?? ranking.error;
  if (error)
    return (
      <ErrorMessage
        error={error}
        onRetry={() => {
          areas.reload();
          ranking.reload();
        }}
      />
    );
  if (!areas.data || !ranking.data) return <Loading />;
  const unit = unitName(ranking.data.unit.code);
  const members = new Set(props.members);
  const rows = ranking.data.items.filter((item) => members.has(item.area.code));

  return (
    <div className="group-map">
      <ChoroplethMap
        data={data}
        label={t('web:explorer.map.label', { title: props.title, year: props.year, unit })}
        format={(v) => formatValue(lang, v)}
        highlight={highlight}
      />
      <p className="hint">{t('web:overview.mapOutlined')}</p>
      <details className="map-table">
        <summary>{t('web:overview.mapTable')}</summary>
        <table className="data-table">
          <caption className="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('web:profile.country')}</th>
              <th scope="col" className="num">
                {t('web:profile.valueIn', { unit })}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.area.code}>
                <th scope="row">
                  <Link to={`/countries/${item.area.code}`}>{item.area.name}</Link>
                </th>
                <td className="num">
                  {item.value === null ? (item.issue?.message ?? '—') : formatValue(lang, item.value)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
