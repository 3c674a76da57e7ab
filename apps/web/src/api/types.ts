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
