import {
  OUTLIER_Z,
  firstAppearance,
  median,
  mergeIds,
  recordHighLow,
  robustZScores,
  seriesBreaks,
  type Derived,
  type Series,
  type SeriesPoint,
} from '@observatory/shared';
import type {
  FirstAppearanceParams,
  RecordParams,
  SeriesBreakParams,
  SignalKind,
  SignalParamsByKind,
  SignalSeverity,
  UnusualChangeParams,
} from '@observatory/shared/signals';

/**
 * Signal detection on one series: the preferred yearly values of one (indicator, area, substance,
 * dimensions). Pure: the job (signals.service.ts) loads the series and stores what this returns.
 *
 * Thresholds, chosen for short series (the UNODC seizure tables cover five years, 2019-2023):
 * - records need 3 earlier years with a value (4 values in all), so that "record" means more than
 *   "higher than last year";
 * - an unusual change is judged against at least 3 earlier year-on-year log changes (instead of the
 *   5 that robustZScores asks by default): a five-year series then has its last year judged;
 * - an unusual change must also be large in practice: |ln(v_t / v_t−1)| ≥ ln 1.5, i.e. a rise of at
 *   least 50 % or a fall of at least 33 %; a small change in a very steady series is not a signal;
 * - a first appearance needs 3 quiet (zero or missing) calendar years before it, counted from the
 *   first year of the series, and only series of a substance are judged;
 * - a record that is only a small step (severity info) right after a record of the same kind in the
 *   previous year with a value is not reported again: a steadily growing series (population) gives
 *   one signal where it first passes its earlier extreme, not one a year;
 * - at a break in series (status B) no record or unusual change is read: the values before are not
 *   comparable; the break itself is the signal.
 */
export const DETECTION = {
  recordMinHistory: 3,
  zMinHistory: 3,
  outlierZ: OUTLIER_Z,
  /** |z| from which an unusual change is an alert rather than a notice. */
  alertZ: 2 * OUTLIER_Z,
  minLogChange: Math.log(1.5),
  firstMinQuiet: 3,
} as const;

/** One yearly point of a series, as loaded (the preferred observation of the year). */
export interface SeriesPointRow {
  id: number;
  year: number;
  value: number | null;
  unit: string;
  status: string;
}

export interface Candidate<K extends SignalKind = SignalKind> {
  kind: K;
  year: number;
  severity: SignalSeverity;
  params: SignalParamsByKind[K];
  /** Observations behind the signal, ascending. */
  ids: number[];
}

/**
 * Severity, documented in the module README and the ADR:
 * - unusual change: alert when |z| ≥ 2 × 3.5 (or the history had no spread at all), else notice;
 * - record high/low: alert when the year's change is also unusual, notice when the change is large
 *   (≥ +50 % or ≤ −33 %), else info;
 * - first appearance: notice; break in series: info.
 */
export function detectSeries(
  points: readonly SeriesPointRow[],
  options: { hasSubstance: boolean },
): Candidate[] {
  if (points.length === 0) return [];
  // The series' unit is that of its latest value; values in another unit are gaps (not comparable).
  const unit = [...points].reverse().find((p) => p.value !== null)?.unit ?? points[points.length - 1]!.unit;
  const series: Series = points.map((p): SeriesPoint =>
    p.unit === unit ? { year: p.year, value: p.value, ids: [p.id] } : { year: p.year, value: null, ids: [] },
  );
  const byYear = new Map(series.map((p) => [p.year, p]));
  const breaks = seriesBreaks(points.map((p) => ({ year: p.year, status: p.status, ids: [p.id] })));
  const breakYears = new Set(breaks.map((b) => b.year));
  const candidates: Candidate[] = [];

  // Log changes and the history each year is judged against (the same rule as robustZScores).
  const z = new Map<number, Derived>(
    robustZScores(series, { minHistory: DETECTION.zMinHistory }).map((d) => [d.year, d]),
  );
  const history = new Map<number, { change: number; earlier: number[] }>();
  {
    const earlier: number[] = [];
    for (const p of series) {
      const prev = byYear.get(p.year - 1);
      if (p.value === null || p.value <= 0 || prev?.value == null || prev.value <= 0) continue;
      const change = Math.log(p.value / prev.value);
      history.set(p.year, { change, earlier: [...earlier] });
      earlier.push(change);
    }
  }
  /** Whether the year's change is unusual: |z| ≥ 3.5 (or no spread before) and large in practice. */
  const unusual = (year: number): boolean => {
    const h = history.get(year);
    const d = z.get(year);
    if (!h || !d || Math.abs(h.change) < DETECTION.minLogChange) return false;
    if (d.kind === 'value') return Math.abs(d.value) >= DETECTION.outlierZ;
    return d.code === 'zero_spread';
  };

  for (const p of series) {
    const h = history.get(p.year);
    const d = z.get(p.year);
    if (!h || !d || breakYears.has(p.year) || !unusual(p.year)) continue;
    const prev = byYear.get(p.year - 1)!;
    const zValue = d.kind === 'value' ? d.value : null;
    const center = median(h.earlier);
    const params: UnusualChangeParams = {
      value: p.value!,
      unit,
      previousValue: prev.value!,
      previousYear: prev.year,
      change: p.value! / prev.value! - 1,
      logChange: h.change,
      z: zValue,
      median: center,
      medianChange: Math.exp(center) - 1,
      history: h.earlier.length,
    };
    candidates.push({
      kind: 'unusual_change',
      year: p.year,
      severity: zValue === null || Math.abs(zValue) >= DETECTION.alertZ ? 'alert' : 'notice',
      params,
      ids:
        d.kind === 'value'
          ? [...d.ids]
          : mergeIds(...series.filter((s) => s.year <= p.year).map((s) => s.ids)),
    });
  }

  const valued = series.filter((p) => p.value !== null);
  const flags = recordHighLow(series, { minHistory: DETECTION.recordMinHistory });
  const flagged = new Set(flags.map((f) => `${f.kind}:${f.year}`));
  const previousValued = new Map(valued.map((p, i) => [p.year, valued[i - 1]?.year]));
  for (const flag of flags) {
    if (breakYears.has(flag.year)) continue;
    const last = byYear.get(flag.year - 1);
    const lastValue = last?.value ?? null;
    const change = lastValue !== null && lastValue > 0 ? flag.value / lastValue - 1 : null;
    const d = z.get(flag.year);
    const large = change !== null && Math.abs(Math.log1p(change)) >= DETECTION.minLogChange;
    const params: RecordParams = {
      value: flag.value,
      unit,
      previous: flag.previous,
      previousYear: flag.previousYear,
      lastValue,
      lastYear: lastValue === null ? null : flag.year - 1,
      change,
      years: valued.filter((v) => v.year <= flag.year).length,
      firstYear: valued[0]!.year,
      z: d?.kind === 'value' ? d.value : null,
    };
    const severity = unusual(flag.year) ? 'alert' : large ? 'notice' : 'info';
    // A steady trend sets a new extreme every year: a small step (info) right after a record of the
    // same kind is the same news again, so only the first record of such a streak is a signal.
    if (severity === 'info' && flagged.has(`${flag.kind}:${previousValued.get(flag.year)}`)) continue;
    candidates.push({
      kind: flag.kind,
      year: flag.year,
      severity,
      params,
      ids: mergeIds(flag.ids, lastValue === null ? [] : last?.ids),
    });
  }

  if (options.hasSubstance) {
    const first = firstAppearance(series, { minQuiet: DETECTION.firstMinQuiet });
    if (first) {
      const zeros = series.filter((p) => p.year < first.year && p.value === 0);
      const params: FirstAppearanceParams = {
        value: first.value,
        unit,
        quietYears: first.quietYears,
        zeroYears: first.zeroYears,
        firstYear: series[0]!.year,
      };
      candidates.push({
        kind: 'first_appearance',
        year: first.year,
        severity: 'notice',
        params,
        ids: mergeIds(first.ids, ...zeros.map((p) => p.ids)),
      });
    }
  }

  for (const b of breaks) {
    const p = points.find((x) => x.year === b.year)!;
    const params: SeriesBreakParams = { value: p.value, unit: p.unit, status: p.status };
    candidates.push({ kind: 'series_break', year: b.year, severity: 'info', params, ids: [...b.ids] });
  }
  return candidates.sort((a, b) => a.year - b.year || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

const KIND_ORDER: Record<SignalKind, number> = {
  record_high: 0,
  record_low: 1,
  unusual_change: 2,
  first_appearance: 3,
  series_break: 4,
};
