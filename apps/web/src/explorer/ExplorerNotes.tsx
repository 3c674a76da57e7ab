import { useTranslation } from 'react-i18next';
import { notablePoints, type DisplaySeries } from './explorer.data.ts';
import { PointNotes } from './ExplorerTable.tsx';

const SHOWN = 6;

/**
 * What a reader must know next to the chart: which years have no number and why, which numbers
 * are estimated, provisional or after a break in series, which group totals are partial, and the
 * footnotes of the source.
 */
export function ExplorerNotes({
  series,
  statusNames,
}: {
  series: DisplaySeries[];
  statusNames: Record<string, string>;
}) {
  const { t } = useTranslation();
  const notes = notablePoints(series);
  if (notes.length === 0) return null;

  const item = ({ series: s, point }: (typeof notes)[number]) => (
    <li key={`${s.code}-${point.year}`}>
      <span className="note-where">
        {s.name}, {point.year}
      </span>
      <PointNotes point={point} statusNames={statusNames} />
    </li>
  );

  return (
    <section className="explorer-notes" aria-labelledby="explorer-notes-heading">
      <h3 id="explorer-notes-heading">{t('web:explorer.notes.title', { n: notes.length })}</h3>
      <ul>{notes.slice(0, SHOWN).map(item)}</ul>
      {notes.length > SHOWN && (
        <details>
          <summary>{t('web:explorer.notes.more', { n: notes.length - SHOWN })}</summary>
          <ul>{notes.slice(SHOWN).map(item)}</ul>
        </details>
      )}
    </section>
  );
}
