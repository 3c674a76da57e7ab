import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@observatory/shared';
import type { Observation, SeriesPoint, SourceRef } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { formatValue } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { explorerHref, trimmed } from './profile.ts';

/** One signal as `GET /signals` returns it (the fields shown here). */
export interface SignalItem {
  id: number;
  kind: string;
  kindText: string;
  /** info, notice or alert (see @observatory/shared/signals). */
  severity: string;
  severityText: string;
  year: number;
  indicator: { code: string; name: string };
  area: { code: string; name: string };
  substance: { code: string; name: string } | null;
  text: string;
  observationIds: number[];
}

const percentFormats = new Map<Language, Intl.NumberFormat>();

/** A change as a signed percentage: `+12.5%`, Russian `+12,5 %`. */
export function formatChange(language: Language, fraction: number): string {
  let format = percentFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, {
      style: 'percent',
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    });
    percentFormats.set(language, format);
  }
  return format.format(fraction);
}

/** Unit names for the units the profiles show (the explorer reads them from the UNIT codelist). */
export function useUnitName(): (code: string | undefined) => string {
  const { t } = useTranslation();
  return (code) => {
    switch (code) {
      case 'KG':
        return t('web:profile.unit.KG');
      case 'HA':
        return t('web:profile.unit.HA');
      case 'PERSONS':
        return t('web:profile.unit.PERSONS');
      default:
        return code ?? '';
    }
  };
}

/**
 * A small trend line without a charting library: one segment per run of years with numbers, so a
 * missing year is a gap, never a zero. Its accessible name reads out every year's number.
 */
export function Sparkline({ points, label }: { points: SeriesPoint[]; label: string }) {
  const lang = useLanguage();
  const { t } = useTranslation();
  const shown = trimmed(points);
  const numbers = shown.flatMap((p) => (p.value === null ? [] : [p.value]));
  if (numbers.length < 2) return null;
  const width = 120;
  const height = 32;
  const min = Math.min(0, ...numbers);
  const max = Math.max(...numbers);
  const first = shown[0]?.year ?? 0;
  const last = shown[shown.length - 1]?.year ?? first;
  const x = (year: number) => 3 + ((year - first) / Math.max(1, last - first)) * (width - 6);
  const y = (value: number) => height - 3 - ((value - min) / (max - min || 1)) * (height - 6);
  const runs: string[] = [];
  let run: string[] = [];
  for (const p of shown) {
    if (p.value === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else run.push(`${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`);
  }
  if (run.length) runs.push(run.join(' '));
  const text = shown
    .map((p) => `${p.year}: ${p.value === null ? t('web:profile.noNumber') : formatValue(lang, p.value)}`)
    .join('; ');
  const end = [...shown].reverse().find((p) => p.value !== null);
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label}: ${text}`}
    >
      {runs.map((r) =>
        r.includes(' ') ? (
          <polyline key={r} points={r} fill="none" stroke="currentColor" strokeWidth={2} />
        ) : (
          <circle key={r} cx={r.split(',')[0]} cy={r.split(',')[1]} r={2} fill="currentColor" />
        ),
      )}
      {end && end.value !== null && <circle cx={x(end.year)} cy={y(end.value)} r={3} fill="currentColor" />}
    </svg>
  );
}

/** The latest signals for an area, group or substance: severity, the sentence, a link to the series. */
export function SignalList({ query, headingId }: { query: Record<string, string>; headingId: string }) {
  const { t } = useTranslation();
  const { data, error, reload } = useApi<{ items: SignalItem[] }>('signals', { pageSize: 5, ...query });
  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  if (data.items.length === 0) return <p className="notice">{t('web:profile.noSignals')}</p>;
  return (
    <ul className="signal-list" aria-labelledby={headingId}>
      {data.items.map((signal) => (
        <li key={signal.id} className={`signal signal-${signal.severity}`}>
          <span className="signal-severity">{signal.severityText}</span>
          <span className="signal-kind">
            {signal.kindText}, {signal.year}
          </span>
          <p className="signal-text">{signal.text}</p>
          <Link
            to={explorerHref({
              indicator: signal.indicator.code,
              substance: signal.substance?.code ?? null,
              areas: [signal.area.code],
            })}
          >
            {t('web:profile.openSeries', {
              series: [signal.indicator.name, signal.substance?.name, signal.area.name]
                .filter(Boolean)
                .join(', '),
            })}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The sources behind the numbers on the page. */
export function SourceList({ sources }: { sources: SourceRef[] }) {
  const { t } = useTranslation();
  if (sources.length === 0) return <p className="notice">{t('web:profile.noSources')}</p>;
  return (
    <ul className="source-list">
      {sources.map((s) => (
        <li key={s.code}>
          <strong>{s.publisher}</strong>,{' '}
          {s.url ? (
            <a href={s.url} rel="noreferrer">
              {s.title}
            </a>
          ) : (
            s.title
          )}
          {s.table && <>, {s.table}</>}
          {s.year !== null && <> ({s.year})</>} <code>{s.code}</code>
        </li>
      ))}
    </ul>
  );
}

/** "Where does this number come from?": the observation and its source, fetched when opened. */
export function ObservationDetails({ ids }: { ids: number[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = ids[0];
  if (id === undefined) return null;
  return (
    <details className="observation-details" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('web:profile.whereFrom')}</summary>
      {open && <ObservationBody id={id} />}
    </details>
  );
}

function ObservationBody({ id }: { id: number }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const unitName = useUnitName();
  const { data, error, reload } = useApi<Observation>(`observations/${id}`);
  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  return (
    <dl className="observation-facts">
      <dt>{t('web:profile.observation')}</dt>
      <dd>
        #{data.id}: {data.area.name}, {data.period},{' '}
        {data.value === null ? '—' : formatValue(lang, data.value)} {unitName(data.unit)}
      </dd>
      <dt>{t('web:profile.source')}</dt>
      <dd>
        {data.source.publisher}, {data.source.title}
        {data.source.tableName ? `, ${data.source.tableName}` : ''}
      </dd>
      {data.footnotes.length > 0 && (
        <>
          <dt>{t('web:profile.footnotes')}</dt>
          <dd>{data.footnotes.join(' ')}</dd>
        </>
      )}
    </dl>
  );
}
