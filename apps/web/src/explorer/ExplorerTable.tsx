import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceRef } from '../api/types.ts';
import { formatValue } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { partialCoverage, type DisplayPoint, type DisplaySeries } from './explorer.data.ts';

export interface ExplorerTableProps {
  series: DisplaySeries[];
  caption: string;
  unitLabel: string;
  statusNames: Record<string, string>;
  sources: SourceRef[];
}

/** The notes of one number: why it is missing, its status, bounds, partial coverage, footnotes. */
export function PointNotes({
  point,
  statusNames,
}: {
  point: DisplayPoint;
  statusNames: Record<string, string>;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const items: string[] = [];
  if (point.value === null) items.push(point.reason ?? t('web:explorer.noNumber'));
  for (const status of point.statuses)
    if (status !== 'M' || point.value !== null) items.push(statusNames[status] ?? status);
  if (point.bounds)
    items.push(
      t('web:explorer.bounds', {
        lower: formatValue(lang, point.bounds.lower),
        upper: formatValue(lang, point.bounds.upper),
      }),
    );
  if (partialCoverage(point) && point.coverage)
    items.push(
      t('web:explorer.coverage', { count: point.coverage.members, reporting: point.coverage.reporting }),
    );
  items.push(...point.footnotes);
  if (items.length === 0) return null;
  return (
    <ul className="point-notes">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/**
 * The numbers behind the chart, one row per area and year: the chart's text alternative, with
 * every gap's reason, status flags, group coverage, footnotes and the source.
 */
export function ExplorerTable({ series, caption, unitLabel, statusNames, sources }: ExplorerTableProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const captionId = useId();
  const sourceName = (code: string) => {
    const source = sources.find((s) => s.code === code);
    // Publisher and year here; the Sources tab has the full reference.
    return source ? [source.publisher, source.year].filter(Boolean).join(' ') : code;
  };

  return (
    // A wide table scrolls sideways on narrow screens: the keyboard must be able to scroll it too.
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="data-table explorer-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('web:explorer.table.area')}</th>
            <th scope="col" className="num">
              {t('web:explorer.table.year')}
            </th>
            <th scope="col" className="num">
              {t('web:explorer.table.value', { unit: unitLabel })}
            </th>
            <th scope="col">{t('web:explorer.table.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {series.flatMap((s) =>
            s.points.map((point, i) => (
              <tr key={`${s.code}-${point.year}`} className={i === 0 ? 'series-start' : undefined}>
                <th scope="row">
                  <span
                    className={`swatch${s.kind === 'group' ? ' swatch-dashed' : ''}`}
                    style={{ color: s.color }}
                  />
                  {s.name}
                </th>
                <td className="num">{point.year}</td>
                <td className={`num${point.value === null ? ' gap' : ''}`}>
                  {point.value === null ? (
                    <>
                      <span aria-hidden="true">—</span>
                      <span className="visually-hidden">{t('web:explorer.noNumber')}</span>
                    </>
                  ) : (
                    formatValue(lang, point.value)
                  )}
                </td>
                <td>
                  <PointNotes point={point} statusNames={statusNames} />
                  {point.sources.length > 0 && (
                    <span className="source-line">
                      {t('web:explorer.table.source', { source: point.sources.map(sourceName).join('; ') })}
                    </span>
                  )}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
