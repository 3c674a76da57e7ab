import { roleSatisfies, textPair, type Language, type Role } from '@observatory/shared';
import { translator } from '@observatory/shared/i18n';
import type { Transaction } from 'kysely';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { errors, type ErrorDetail } from '../../platform/http/errors.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import * as repo from './dialogues.repository.ts';

/** Helpers shared by the services of the dialogues module: access, bilingual texts, references. */

export type Reader = ReadonlyDb | Db | Transaction<Database>;
export interface Actor {
  user: SessionUser;
  ip: string;
}

export const isEditor = (role: Role | null) => roleSatisfies(role, 'editor');
export { visibilitiesFor } from '@observatory/shared';
/** Document clearances a caller may see. */
export const clearancesFor = (role: Role | null) =>
  isEditor(role) ? ['draft', 'cleared', 'public'] : role ? ['cleared', 'public'] : ['public'];

/** `{ key+'En', key+'Ru', key, key+'Fallback' }` for a response (argument order of this module). */
export const pairOut = <K extends string>(key: K, en: string | null, ru: string | null, lang: Language) =>
  textPair(key, lang, en, ru);

/** The text in `lang`, or in the other language (reported through `onFallback`), or ''. */
export function pick(
  lang: Language,
  en: string | null | undefined,
  ru: string | null | undefined,
  onFallback?: (used: Language) => void,
): string {
  const own = lang === 'ru' ? ru : en;
  if (own) return own;
  const other = lang === 'ru' ? en : ru;
  if (other) {
    onFallback?.(lang === 'ru' ? 'en' : 'ru');
    return other;
  }
  return '';
}

/** A bilingual pair needs at least one side; the error points at the English field. */
export function requirePair(key: string, en: string | null | undefined, ru: string | null | undefined): void {
  if (!en && !ru) throw errors.invalidParameter(`${key}En`, 'bilingual_required');
}

/** Merges a patch's pair over the stored one (undefined keeps, null clears). */
export function mergePair<T>(patch: T | undefined, stored: T): T {
  return patch === undefined ? stored : patch;
}

export function located(param: string, code: string, params: Record<string, unknown> = {}): ErrorDetail {
  return { param, code, params };
}

export async function areaId(db: Reader, code: string | null | undefined, param: string) {
  if (code === undefined) return undefined;
  if (code === null) return null;
  const area = await repo.findAreaByCode(db, code);
  if (!area) throw errors.unknownCodes(param, [code]);
  return area.id;
}
export async function programmeId(db: Reader, code: string | null | undefined, param: string) {
  if (code === undefined) return undefined;
  if (code === null) return null;
  const p = await repo.findProgrammeByCode(db, code);
  if (!p) throw errors.unknownCodes(param, [code]);
  return p.id;
}
export async function strategyId(db: Reader, code: string | null | undefined, param: string) {
  if (code === undefined) return undefined;
  if (code === null) return null;
  const s = await repo.findStrategyByCode(db, code);
  if (!s) throw errors.unknownCodes(param, [code]);
  return s.id;
}

/** Names of areas, programmes and strategies referenced by rows, loaded once. */
export class Refs {
  private constructor(
    readonly areas: Map<number, { code: string; nameEn: string; nameRu: string }>,
    readonly programmes: Map<number, Awaited<ReturnType<typeof repo.programmesByIds>>[number]>,
    readonly strategies: Map<number, { code: string; titleEn: string | null; titleRu: string | null }>,
  ) {}

  static async load(
    db: Reader,
    ids: { areas?: (number | null)[]; programmes?: (number | null)[]; strategies?: (number | null)[] },
  ): Promise<Refs> {
    const only = (xs: (number | null)[] | undefined) => [
      ...new Set((xs ?? []).filter((x): x is number => x !== null)),
    ];
    const [a, p, s] = await Promise.all([
      repo.areasByIds(db, only(ids.areas)),
      repo.programmesByIds(db, only(ids.programmes)),
      repo.strategiesByIds(db, only(ids.strategies)),
    ]);
    return new Refs(
      new Map(a.map((x) => [x.id, x])),
      new Map(p.map((x) => [x.id, x])),
      new Map(s.map((x) => [x.id, x])),
    );
  }

  area(id: number | null, lang: Language) {
    const a = id === null ? undefined : this.areas.get(id);
    return a ? { code: a.code, name: lang === 'ru' ? a.nameRu : a.nameEn } : null;
  }
  programme(id: number | null, lang: Language) {
    const p = id === null ? undefined : this.programmes.get(id);
    return p ? { code: p.code, name: pick(lang, p.nameEn, p.nameRu) } : null;
  }
  strategy(id: number | null, lang: Language) {
    const s = id === null ? undefined : this.strategies.get(id);
    return s ? { code: s.code, name: pick(lang, s.titleEn, s.titleRu) } : null;
  }
}

export const label = (lang: Language, key: string) => translator(lang)(`dialogues:${key}`);

/** The meeting if the caller may read it, else 404 (participants-only meetings are 404 for the public). */
export async function readableMeeting(db: Reader, id: number, role: Role | null): Promise<repo.MeetingFull> {
  const m = await repo.findMeeting(db, id);
  if (!m) throw errors.notFound('meeting', String(id));
  if (!role && (m.visibility !== 'public' || m.dialogueVisibility !== 'public'))
    throw errors.notFound('meeting', String(id));
  return m;
}

/** For writes: the meeting (editors see every meeting). */
export async function meetingForWrite(db: Reader, id: number): Promise<repo.MeetingFull> {
  const m = await repo.findMeeting(db, id);
  if (!m) throw errors.notFound('meeting', String(id));
  return m;
}

export const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : d);
