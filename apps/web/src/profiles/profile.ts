import type { SeriesPoint, SourceRef } from '../api/types.ts';

/**
 * Helpers shared by the overview and the country and substance profiles: pure functions, no React
 * (and no Plot or d3, so that the overview's first bundle stays small).
 */

/** The headline seizure series: one card each on the overview, one row each on a country profile. */
export const HEADLINE_SUBSTANCES = ['heroin', 'opium', 'methamphetamine', 'cannabis-herb'] as const;

/** The groups the overview can show, in selector order. */
export const OVERVIEW_GROUPS = ['CA5', 'EU27', 'AFG_CORRIDOR'] as const;
export type OverviewGroup = (typeof OVERVIEW_GROUPS)[number];

export function asOverviewGroup(value: string | null): OverviewGroup {
  return (OVERVIEW_GROUPS as readonly string[]).includes(value ?? '') ? (value as OverviewGroup) : 'CA5';
}

/** A link into the explorer (its permalink format) for one series. */
export function explorerHref(options: {
  indicator: string;
  substance?: string | null;
  areas?: string[];
  groups?: string[];
  measure?: 'value' | 'per_capita';
  tab?: 'chart' | 'map' | 'table' | 'sources';
}): string {
  const params = new URLSearchParams();
  params.set('indicator', options.indicator);
  if (options.substance) params.set('substance', options.substance);
  params.set('area', (options.areas ?? []).join(','));
  if (options.groups && options.groups.length > 0) params.set('group', options.groups.join(','));
  if (options.measure === 'per_capita') params.set('measure', 'per_capita');
  if (options.tab && options.tab !== 'chart') params.set('tab', options.tab);
  return `/explorer?${params.toString().replace(/%2C/gi, ',')}`;
}

/** The points from the first to the last year with a number (leading and trailing gaps cut). */
export function trimmed(points: SeriesPoint[]): SeriesPoint[] {
  const first = points.findIndex((p) => p.value !== null);
  if (first < 0) return [];
  let last = points.length - 1;
  while (last > first && points[last]?.value === null) last--;
  return points.slice(first, last + 1);
}

export interface Latest {
  /** The last year with a number. */
  point: SeriesPoint & { value: number };
  /** The year before it, when that year has a number too. */
  previous: (SeriesPoint & { value: number }) | null;
  /** Change from the previous year as a fraction (0.12 = +12 %); null without a previous number or from zero. */
  change: number | null;
}

/** The latest number of a series and how it changed from the year before. Missing is never zero. */
export function latestOf(points: SeriesPoint[]): Latest | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i];
    if (point && point.value !== null) {
      const before = points.find((p) => p.year === point.year - 1);
      const previous = before && before.value !== null ? (before as SeriesPoint & { value: number }) : null;
      const change = previous && previous.value !== 0 ? point.value / previous.value - 1 : null;
      return { point: point as SeriesPoint & { value: number }, previous, change };
    }
  }
  return null;
}

/** Sources of several answers, each once, in first-seen order. */
export function uniqueSources(lists: (SourceRef[] | undefined)[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const list of lists)
    for (const source of list ?? []) if (!seen.has(source.code)) seen.set(source.code, source);
  return [...seen.values()];
}
