import type { Db } from '../../platform/db/database.ts';
import { CODELISTS } from './codelists.data.ts';

/** Loads the built-in codelists. Idempotent: lists and codes are upserted; no code is deleted. */
export async function seedCodelists(db: Db): Promise<{ codelists: number; codes: number }> {
  let codes = 0;
  await db.transaction().execute(async (trx) => {
    for (const list of CODELISTS) {
      const row = {
        code: list.code,
        nameEn: list.en,
        nameRu: list.ru,
        descriptionEn: list.descriptionEn ?? null,
        descriptionRu: list.descriptionRu ?? null,
      };
      await trx
        .insertInto('codelist')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
      const rows = list.codes.map((c, i) => ({
        codelist: list.code,
        code: c.code,
        nameEn: c.en,
        nameRu: c.ru,
        sortOrder: i,
        attributes: JSON.stringify(c.attributes ?? {}),
      }));
      await trx
        .insertInto('code')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['codelist', 'code']).doUpdateSet((eb) => ({
            nameEn: eb.ref('excluded.nameEn'),
            nameRu: eb.ref('excluded.nameRu'),
            sortOrder: eb.ref('excluded.sortOrder'),
            attributes: eb.ref('excluded.attributes'),
          })),
        )
        .execute();
      codes += rows.length;
    }
  });
  return { codelists: CODELISTS.length, codes };
}
