import type { Language, Role } from '@observatory/shared';

/** Response shapes of the API routes the web app uses (see /api/docs for the full contract). */

export interface Health {
  status: 'ok' | 'degraded';
  database: 'pglite' | 'postgres';
  version: string;
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: Language;
}

export interface Session {
  user: SessionUser | null;
  csrfToken: string | null;
  expiresAt: string | null;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export type AreaKind = 'country' | 'territory' | 'group' | 'region' | 'subnational';

export interface Area {
  code: string;
  kind: AreaKind;
  alpha2: string | null;
  m49: number | null;
  atlasId: string | null;
  name: string;
  nameEn: string;
  nameRu: string;
  officialName: string | null;
  region: string | null;
  subRegion: string | null;
  parent: string | null;
  isSystem: boolean;
}

export interface Indicator {
  code: string;
  domain: string;
  name: string;
  description: string | null;
  unit: string;
  protocol: string | null;
  comparability: string | null;
}

export interface Codelist {
  code: string;
  name: string;
  codes: { code: string; name: string; attributes?: Record<string, unknown> | null }[];
}

export interface Source {
  code: string;
  publisher: string;
  title: string;
  tableName: string | null;
  edition: string | null;
  year: number | null;
  url: string | null;
  licence: string | null;
  notes: string | null;
  observationCount: number;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  locale: Language;
  disabled: boolean;
  lastLoginAt: string | null;
}

export interface ApiErrorDetail {
  param?: string;
  code: string;
  message?: string;
  unknown?: string[];
}

/** An indicator as `GET /indicators` returns it, with its dimensions (the explorer needs them). */
export interface IndicatorDetail extends Indicator {
  nameEn: string;
  nameRu: string;
  measureType: string;
  periodType: string;
  dimensions: { dimension: string; codelist: string | null; required: boolean }[];
  requiresSubstance: boolean;
  hasBounds: boolean;
  isAdditive: boolean;
}

export interface SubstanceNode {
  code: string;
  parent: string | null;
  level: 'group' | 'drug' | 'form';
  name: string;
  nameEn: string;
  nameRu: string;
  children: SubstanceNode[];
}

export interface Named {
  code: string;
  name: string;
}

/** Why a number is missing (`missing_value`, `missing_denominator`, …), in the UI language. */
export interface PointIssue {
  code: string;
  params: Record<string, unknown>;
  message: string;
}

/** One year of an analytics series: a number, or `null` with the reason. */
export interface SeriesPoint {
  year: number;
  value: number | null;
  issue: PointIssue | null;
  observationIds: number[];
  sources: string[];
  /** Groups only: members that reported this year / members of the group. */
  coverage?: { reporting: number; members: number };
}

export interface SourceRef {
  code: string;
  publisher: string;
  title: string;
  table: string | null;
  year: number | null;
  url: string | null;
}

export type Measure = 'value' | 'per_capita';
export type Transform = 'none' | 'yoy' | 'yoy_pct' | 'index' | 'rolling_mean' | 'share_of_group';

export interface SeriesUnit {
  /** Unit code; PCT for percentages, INDEX for an index. */
  code: string;
  /** Per this many inhabitants (per capita), else null. */
  per: number | null;
}

/** `GET /analytics/series`. */
export interface SeriesResponse {
  indicator: Named;
  substance: Named | null;
  measure: Measure;
  transform: Transform;
  unit: SeriesUnit;
  from: number | null;
  to: number | null;
  series: {
    kind: 'area' | 'group';
    area: Named;
    members?: string[];
    points: SeriesPoint[];
    cagr: SeriesPoint | null;
  }[];
  sources: SourceRef[];
}

/** `GET /analytics/ranking`. */
export interface RankingResponse {
  indicator: Named;
  substance: Named | null;
  year: number;
  measure: Measure;
  unit: SeriesUnit;
  items: (SeriesPoint & { rank: number | null; area: Named })[];
  sources: string[];
}

/** One observation as `GET /observations` returns it. */
export interface Observation {
  id: number;
  indicator: string;
  area: Named;
  period: string;
  year: number;
  substance: Named | null;
  dims: Record<string, string>;
  value: number | null;
  lower: number | null;
  upper: number | null;
  unit: string;
  /** SDMX observation status: A normal, B break, E estimated, P provisional, F forecast, I imputed, U low reliability, M missing. */
  status: string;
  confidentiality: string;
  footnotes: string[];
  source: { code: string; publisher: string; title: string; tableName: string | null; year: number | null };
  sourceCount: number;
}

export interface ObservationsResponse {
  indicator: Named & { unit: string };
  items: Observation[];
  page: number;
  pageSize: number;
  total: number;
  preferenceRule: string;
}

export interface Site {
  code: string;
  name: string;
  country: { code: string; alpha2: string | null; name: string };
}
