import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { SourceSpec } from './spec.ts';

/** A source as a spec or the demo manifest describes it; absent fields may also be null. */
export type SourceFields = { [K in keyof SourceSpec]: SourceSpec[K] | null };

/** The id of the source with this code, registering it from the description when it is new. */
export async function ensureSource(
  db: Kysely<Database>,
  s: SourceFields & { code: string; publisher: string; titleEn: string },
  userId: number | null,
): Promise<number> {
  await db
    .insertInto('source')
    .values({
      code: s.code,
      publisher: s.publisher,
      titleEn: s.titleEn,
      titleRu: s.titleRu ?? null,
      tableName: s.tableName ?? null,
      edition: s.edition ?? null,
      year: s.year ?? null,
      url: s.url ?? null,
      licence: s.licence ?? null,
      priority: s.priority ?? 100,
      notesEn: s.notesEn ?? null,
      notesRu: s.notesRu ?? null,
      createdBy: userId,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const row = await db.selectFrom('source').select('id').where('code', '=', s.code).executeTakeFirstOrThrow();
  return row.id;
}
