import { pickText, type Language } from '@observatory/shared';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { Source } from '../../platform/db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import { errors, isUniqueViolation } from '../../platform/http/errors.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import type { CreateSourceInput, SourceDto } from './sources.schemas.ts';

export function toSourceDto(s: Source, lang: Language, observationCount = 0): SourceDto {
  return {
    code: s.code,
    publisher: s.publisher,
    title: pickText(lang, s.titleEn, s.titleRu),
    titleEn: s.titleEn,
    titleRu: s.titleRu,
    tableName: s.tableName,
    edition: s.edition,
    year: s.year,
    url: s.url,
    licence: s.licence,
    fileName: s.fileName,
    fileChecksum: s.fileChecksum,
    priority: s.priority,
    notes: lang === 'ru' ? (s.notesRu ?? s.notesEn) : s.notesEn,
    observationCount,
  };
}

export async function listSources(
  db: ReadonlyDb,
  query: { publisher?: string | undefined; page: number; pageSize: number },
  lang: Language,
) {
  let q = db.selectFrom('source');
  if (query.publisher) q = q.where('publisher', 'ilike', `%${query.publisher.replace(/[%_\\]/g, '\\$&')}%`);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('source')
    .select((eb) =>
      eb
        .selectFrom('observation')
        .select(eb.fn.countAll<number>().as('c'))
        .whereRef('observation.sourceId', '=', 'source.id')
        .as('observationCount'),
    )
    .orderBy('publisher')
    .orderBy('year', 'desc')
    .orderBy('code')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: rows.map((r) => toSourceDto(r, lang, Number(r.observationCount ?? 0))),
    page: query.page,
    pageSize: query.pageSize,
    total: Number(n),
  };
}

export function findSource(db: ReadonlyDb, code: string) {
  return db.selectFrom('source').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function getSource(db: ReadonlyDb, code: string, lang: Language) {
  const s = await findSource(db, code);
  if (!s) throw errors.notFound('source', code);
  const { c } = await db
    .selectFrom('observation')
    .select((eb) => eb.fn.countAll<number>().as('c'))
    .where('sourceId', '=', s.id)
    .executeTakeFirstOrThrow();
  return toSourceDto(s, lang, Number(c));
}

export async function createSource(
  db: Db,
  actor: { user: SessionUser; ip?: string },
  input: CreateSourceInput,
  lang: Language,
) {
  try {
    const created = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('source')
        .values({ ...input, createdBy: actor.user.id })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, {
        actorId: actor.user.id,
        action: 'source.create',
        entity: 'source',
        entityId: row.code,
        after: input,
        ip: actor.ip ?? null,
      });
      return row;
    });
    return toSourceDto(created, lang);
  } catch (error) {
    if (isUniqueViolation(error)) throw errors.conflict('duplicate', { value: input.code });
    throw error;
  }
}

export async function updateSource(
  db: Db,
  actor: { user: SessionUser; ip?: string },
  code: string,
  input: Partial<CreateSourceInput>,
  lang: Language,
) {
  const before = await findSource(db, code);
  if (!before) throw errors.notFound('source', code);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('source').set(input).where('id', '=', before.id).execute();
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'source.update',
      entity: 'source',
      entityId: code,
      before,
      after: input,
      ip: actor.ip ?? null,
    });
  });
  return getSource(db, code, lang);
}

/** Resolves source codes; unknown ones are reported together. */
export async function resolveSources(db: ReadonlyDb, codes: string[], param: string): Promise<Source[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('source').selectAll().where('code', 'in', codes).execute();
  const known = new Set(rows.map((r) => r.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw errors.unknownCodes(param, unknown);
  return rows;
}
