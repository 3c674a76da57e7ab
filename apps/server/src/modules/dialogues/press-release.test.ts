import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestApp } from '../../../test/app.ts';
import { loadProgrammesDemo } from '../programmes/index.ts';
import { loadStrategiesDemo } from '../strategies/index.ts';
import { loadDialogueDemo } from './demo.ts';

/**
 * The demo meeting of 12 December 2023 (recorded from the reference press release only), its
 * generated bilingual press release, access to drafts and published releases, editing, fallbacks
 * for missing translations, idempotent demo loading.
 */

let t: TestApp;
let editor: Session;
let viewer: Session;
let meetingId: number;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  t = await createTestApp();
  editor = await signIn(t, 'editor');
  viewer = await signIn(t, 'viewer');
  await loadProgrammesDemo(t.database.db);
  await loadStrategiesDemo(t.database.db);
  expect(await loadDialogueDemo(t.database.db)).toBe(true);
  const m = await t.database.db
    .selectFrom('meeting')
    .innerJoin('dialogue', 'dialogue.id', 'meeting.dialogueId')
    .select('meeting.id')
    .where('dialogue.code', '=', 'EU-CA')
    .executeTakeFirstOrThrow();
  meetingId = m.id;
});
afterAll(async () => t?.close());

async function call(method: string, url: string, who: Session | null, payload?: unknown) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: who?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as Json }),
  });
  let body: Json = {};
  try {
    body = res.json<Json>();
  } catch {
    /* plain text */
  }
  return { status: res.statusCode, body, text: res.body, headers: res.headers };
}

const count = async (table: 'meeting' | 'delegation' | 'agendaItem' | 'pressRelease' | 'dialogue') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('demo meeting of 12 December 2023', () => {
  it('records the press release facts only and loads once', async () => {
    const detail = (await call('GET', `/api/v1/meetings/${meetingId}?lang=ru`, null)).body;
    expect(detail).toMatchObject({
      startDate: '2023-12-12',
      place: 'Брюссель',
      status: 'held',
      visibility: 'public',
      chairEn: 'Spain (Presidency of the Council of the EU)',
      sourceReference: 'press-release-2023-12-12-eu-central-asia-drug-dialogue.ru.txt',
    });
    expect(detail.agenda.map((a: Json) => a.kind)).toEqual([
      'eu_update',
      'country_updates',
      'cooperation_programmes',
      'emerging_issues',
    ]);
    expect(detail.agenda[0].strategy?.code).toBe('EU-DS-2021-2025');
    expect(detail.agenda[2].programme?.code).toBe('CADAP7');
    const ca = detail.delegations.filter((d: Json) => d.side === 'central_asia');
    expect(ca.map((d: Json) => d.area.code).sort()).toEqual(['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB']);
    expect(ca.every((d: Json) => d.supportedBy?.code === 'CADAP7')).toBe(true);
    expect(detail.delegations.filter((d: Json) => d.side === 'eu')).toHaveLength(6);
    expect(detail.delegations.flatMap((d: Json) => d.participants)).toEqual([]);
    expect(detail.conclusions).toEqual([]);
    expect(detail.followUps).toEqual([]);

    const counts = await Promise.all(
      (['dialogue', 'meeting', 'delegation', 'agendaItem', 'pressRelease'] as const).map(count),
    );
    expect(await loadDialogueDemo(t.database.db)).toBe(false);
    expect(
      await Promise.all(
        (['dialogue', 'meeting', 'delegation', 'agendaItem', 'pressRelease'] as const).map(count),
      ),
    ).toEqual(counts);
  });

  it('has a Russian draft in the structure of the reference, with every name it needs', async () => {
    const r = await call('GET', `/api/v1/meetings/${meetingId}/press-release`, editor);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('draft');
    const ru = r.body.contentRu as Json;
    const all = JSON.stringify(ru);
    for (const needle of ['Брюссель', '12 декабря 2023', 'Испани', 'КАДАП', 'Европол'])
      expect(all, needle).toContain(needle);
    for (const country of ['Казахстан', 'Кыргызстан', 'Таджикистан', 'Туркменистан', 'Узбекистан'])
      expect(ru.participants, country).toContain(country);
    expect(ru.dateline).toBe('Брюссель, 12 декабря 2023 г.');
    expect(ru.paragraphs).toHaveLength(4);
    expect(ru.paragraphs[3].text).toContain('метамфетамина и героина');
    expect(ru.boilerplate.join(' ')).toMatch(/ФИАПП.*Европейский Союз/);
    expect(ru.contact).toContain('delegation-kyrgyzstan@eeas.europa.eu');
    expect(r.body.fallbacks).toEqual([]);
    const en = r.body.contentEn as Json;
    expect(en.dateline).toBe('Brussels, 12 December 2023');
    expect(en.lead).toContain('chaired by Spain (Presidency of the Council of the EU)');
    expect(en.lead).toMatch(/CADAP 7.*supported the participation of the delegations of Kazakhstan/);
    expect(en.participants).toContain('Europol');
  });

  it('hides drafts from the public and viewers, shows published releases to everyone', async () => {
    expect((await call('GET', `/api/v1/meetings/${meetingId}/press-release`, null)).status).toBe(404);
    expect((await call('GET', `/api/v1/meetings/${meetingId}/press-release`, viewer)).status).toBe(404);
    expect((await call('GET', `/api/v1/meetings/${meetingId}/press-release.txt?lang=ru`, null)).status).toBe(
      404,
    );
    expect((await call('POST', `/api/v1/meetings/${meetingId}/press-release/publish`, viewer)).status).toBe(
      403,
    );
    const pub = await call('POST', `/api/v1/meetings/${meetingId}/press-release/publish`, editor);
    expect(pub.body).toMatchObject({ status: 'published' });
    expect(pub.body.publishedAt).toBeTruthy();
    expect((await call('GET', `/api/v1/meetings/${meetingId}/press-release`, null)).status).toBe(200);
    const txt = await call('GET', `/api/v1/meetings/${meetingId}/press-release.txt?lang=ru`, null);
    expect(txt.status).toBe(200);
    expect(txt.headers['content-type']).toContain('text/plain');
    expect(txt.text).toMatch(/^Диалог по наркотикам.*\n\nБрюссель, 12 декабря 2023 г\.\n/);
    expect(txt.text).toContain('Контакты:');
    const txtEn = await call('GET', `/api/v1/meetings/${meetingId}/press-release.txt?lang=en`, null);
    expect(txtEn.text).toContain('Brussels, 12 December 2023');
    const again = await call('POST', `/api/v1/meetings/${meetingId}/press-release/draft`, editor, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('press_release_published');
    const audit = await t.database.db
      .selectFrom('auditEvent')
      .select('action')
      .where('entity', '=', 'press_release')
      .where('entityId', '=', String(meetingId))
      .execute();
    expect(audit.map((a) => a.action)).toContain('press_release.publish');
  });
});

describe('press-release drafts of a new meeting', () => {
  it('generates from the record, lists fallbacks, edits with validation', async () => {
    const post = async (url: string, payload: unknown) => {
      const r = await call('POST', url, editor, payload);
      if (r.status >= 300) throw new Error(`${url}: ${r.text}`);
      return r.body;
    };
    await post('/api/v1/dialogues', {
      code: 'PR-T',
      kind: 'bilateral',
      partnerArea: 'UZB',
      titleEn: 'EU – Uzbekistan',
      titleRu: 'ЕС – Узбекистан',
      visibility: 'public',
    });
    const m = await post('/api/v1/meetings', {
      dialogue: 'PR-T',
      startDate: '2024-03-05',
      endDate: '2024-03-06',
      placeEn: 'Tashkent',
      visibility: 'public',
    });
    await post(`/api/v1/meetings/${m.id}/agenda`, {
      kind: 'eu_update',
      titleEn: 'EU update',
      descriptionEn: 'The EU reported.',
    });
    await post(`/api/v1/meetings/${m.id}/delegations`, {
      side: 'central_asia',
      area: 'UZB',
      supportedBy: 'CADAP7',
    });
    await post(`/api/v1/meetings/${m.id}/delegations`, { side: 'eu', institutionRu: 'Европейская комиссия' });

    expect((await call('POST', `/api/v1/meetings/${m.id}/press-release/draft`, viewer, {})).status).toBe(403);
    const draft = await post(`/api/v1/meetings/${m.id}/press-release/draft`, {
      contactEn: 'press@example.org',
    });
    expect(draft.status).toBe('draft');
    expect(draft.contentRu.dateline).toBe('Tashkent, 5 марта 2024 г.');
    expect(draft.contentRu.paragraphs[0]).toEqual({ heading: 'EU update', text: 'The EU reported.' });
    expect(draft.contentEn.participants).toContain('Европейская комиссия');
    expect(draft.contentRu.contact).toBe('press@example.org');
    expect(draft.fallbacks).toEqual(
      expect.arrayContaining([
        { language: 'ru', field: 'meeting.place', usedLanguage: 'en' },
        { language: 'ru', field: 'agenda[0].title', usedLanguage: 'en' },
        { language: 'ru', field: 'agenda[0].description', usedLanguage: 'en' },
        { language: 'en', field: 'delegations[1].institution', usedLanguage: 'ru' },
      ]),
    );
    expect(draft.contentRu.fallbacks).toContainEqual({ field: 'meeting.place', usedLanguage: 'en' });

    // Edit: bad content is refused and nothing changes.
    const bad = await call('PUT', `/api/v1/meetings/${m.id}/press-release`, editor, {
      contentEn: { title: 1 },
    });
    expect(bad.status).toBe(400);
    const both = await call('PUT', `/api/v1/meetings/${m.id}/press-release`, editor, {
      contentEn: null,
      contentRu: null,
    });
    expect(both.status).toBe(400);
    const edited = await call('PUT', `/api/v1/meetings/${m.id}/press-release`, editor, {
      contentEn: { ...draft.contentEn, title: 'Edited title' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.contentEn.title).toBe('Edited title');
    expect(edited.body.contentRu).toEqual(draft.contentRu);
    // Regenerating keeps the contact the editor filled in.
    const regen = await post(`/api/v1/meetings/${m.id}/press-release/draft`, null);
    expect(regen.contentEn.contact).toBe('press@example.org');
    expect(regen.contentEn.title).toBe('EU – Uzbekistan: experts exchange views on the drug situation');
    // A participants-only meeting's published release stays hidden from the public.
    await call('POST', `/api/v1/meetings/${m.id}/press-release/publish`, editor);
    expect((await call('GET', `/api/v1/meetings/${m.id}/press-release`, null)).status).toBe(200);
    await call('PATCH', `/api/v1/meetings/${m.id}`, editor, { visibility: 'participants' });
    expect((await call('GET', `/api/v1/meetings/${m.id}/press-release`, null)).status).toBe(404);
    expect((await call('GET', `/api/v1/meetings/${m.id}/press-release`, viewer)).status).toBe(200);
  });
});
