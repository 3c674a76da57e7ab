import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestApp } from '../../../test/app.ts';
import { programmesForArea, programmesForMeeting } from './index.ts';

/**
 * Programmes end to end: CRUD with countries, components and activities, validation (dates,
 * countries, bilingual names, duplicate codes), visibility, the meetings where a programme appears,
 * the exports for other modules, and the audit trail.
 */

let t: TestApp;
let editor: Session;
let viewer: Session;

beforeAll(async () => {
  t = await createTestApp();
  editor = await signIn(t, 'editor');
  viewer = await signIn(t, 'viewer');
});
afterAll(async () => {
  await t?.close();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(method: string, url: string, payload?: unknown, session: Session | null = editor) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: session?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as Json }),
  });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as Json, raw: res.body };
}

const count = async (table: 'programme' | 'programmeActivity' | 'programmeComponent' | 'programmeCountry') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const full = {
  code: 'PRG1',
  nameEn: 'Test programme',
  nameRu: 'Тестовая программа',
  funderEn: 'Funder',
  implementerRu: 'Исполнитель',
  startDate: '2023-01-01',
  endDate: '2026-12-31',
  countries: ['KAZ', 'kg'],
  components: [{ titleEn: 'Component one' }, { titleEn: 'Component two', titleRu: 'Компонент два' }],
  activities: [
    {
      component: 1,
      country: 'KGZ',
      titleEn: 'Workshop',
      startDate: '2024-03-01',
      endDate: '2024-03-02',
      status: 'completed',
    },
    { titleRu: 'Обучение' },
  ],
};

describe('programmes', () => {
  it('creates a programme with countries, ordered components and activities (editor only), audited', async () => {
    expect((await call('POST', '/api/v1/programmes', full, viewer)).status).toBe(403);
    const res = await call('POST', '/api/v1/programmes', full);
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({
      code: 'PRG1',
      name: 'Test programme',
      nameFallback: false,
      funder: 'Funder',
      implementer: 'Исполнитель',
      implementerFallback: true,
      startDate: '2023-01-01',
      endDate: '2026-12-31',
      visibility: 'public',
      countries: [
        { code: 'KAZ', name: 'Kazakhstan' },
        { code: 'KGZ', name: 'Kyrgyzstan' },
      ],
      meetings: [],
    });
    expect(res.body.components.map((c: Json) => [c.position, c.title])).toEqual([
      [0, 'Component one'],
      [1, 'Component two'],
    ]);
    const [workshop, training] = res.body.activities as Json[];
    expect(workshop).toMatchObject({
      country: { code: 'KGZ' },
      componentId: res.body.components[1].id,
      status: 'completed',
    });
    expect(training).toMatchObject({
      title: 'Обучение',
      titleFallback: true,
      status: 'planned',
      country: null,
    });
    const ru = await call('GET', '/api/v1/programmes/PRG1?lang=ru', undefined, null);
    expect(ru.body).toMatchObject({
      name: 'Тестовая программа',
      countries: [{ name: 'Казахстан' }, { name: 'Кыргызстан' }],
    });
    const audit = await t.database.db
      .selectFrom('auditEvent')
      .selectAll()
      .where('action', '=', 'programme.create')
      .execute();
    expect(audit.map((a) => a.entityId)).toEqual(['PRG1']);
    const dup = await call('POST', '/api/v1/programmes', full);
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('PRG1');
  });

  it('rejects bad input with located messages and writes nothing', async () => {
    const before = await Promise.all([
      count('programme'),
      count('programmeActivity'),
      count('programmeComponent'),
    ]);
    const order = await call('POST', '/api/v1/programmes', {
      ...full,
      code: 'BAD',
      startDate: '2026-01-01',
      endDate: '2025-01-01',
    });
    expect(order.status).toBe(400);
    expect(order.body.error.details[0]).toMatchObject({ param: 'endDate', code: 'date_order' });
    expect(order.body.error.details[0].message).toBe(
      'The end date 2025-01-01 is before the start date 2026-01-01.',
    );
    const ru = await call('POST', '/api/v1/programmes?lang=ru', {
      ...full,
      code: 'BAD',
      startDate: '2026-01-01',
      endDate: '2025-01-01',
    });
    expect(ru.body.error.details[0].message).toBe('Дата окончания 2025-01-01 раньше даты начала 2026-01-01.');
    const activity = await call('POST', '/api/v1/programmes', {
      ...full,
      code: 'BAD',
      activities: [{ titleEn: 'x' }, { titleEn: 'y', startDate: '2024-05-01', endDate: '2024-04-01' }],
    });
    expect(activity.body.error.details[0]).toMatchObject({
      param: 'activities.1.endDate',
      code: 'date_order',
    });
    const component = await call('POST', '/api/v1/programmes', {
      ...full,
      code: 'BAD',
      activities: [{ titleEn: 'x', component: 5 }],
    });
    expect(component.body.error.details[0]).toMatchObject({ param: 'activities.0.component' });
    const unknown = await call('POST', '/api/v1/programmes', {
      ...full,
      code: 'BAD',
      countries: ['KAZ', 'XXX'],
    });
    expect(unknown.body.error.details[0]).toMatchObject({ param: 'countries', unknown: ['XXX'] });
    const group = await call('POST', '/api/v1/programmes', { ...full, code: 'BAD', countries: ['CA5'] });
    expect(group.body.error.details[0]).toMatchObject({ param: 'countries', code: 'not_a_country' });
    const activityCountry = await call('POST', '/api/v1/programmes', {
      ...full,
      code: 'BAD',
      activities: [{ titleEn: 'x', country: 'ZZZ' }],
    });
    expect(activityCountry.body.error.details[0]).toMatchObject({
      param: 'activities.country',
      unknown: ['ZZZ'],
    });
    const noName = await call('POST', '/api/v1/programmes', {
      ...full,
      code: 'BAD',
      nameEn: ' ',
      nameRu: null,
    });
    expect(noName.body.error.details[0]).toMatchObject({ param: 'nameEn', code: 'bilingual_required' });
    const badDate = await call('POST', '/api/v1/programmes', {
      ...full,
      code: 'BAD',
      startDate: '2023-13-01',
    });
    expect(badDate.body.error.details[0].param).toBe('startDate');
    const badCode = await call('POST', '/api/v1/programmes', { ...full, code: 'has space' });
    expect(badCode.body.error.details[0].param).toBe('code');
    expect(
      await Promise.all([count('programme'), count('programmeActivity'), count('programmeComponent')]),
    ).toEqual(before);
  });

  it('patches fields and replaces lists; a patch that breaks the date order is refused', async () => {
    const bad = await call('PATCH', '/api/v1/programmes/PRG1', { endDate: '2022-01-01', countries: ['UZB'] });
    expect(bad.body.error.details[0]).toMatchObject({ param: 'endDate', code: 'date_order' });
    expect((await call('GET', '/api/v1/programmes/PRG1')).body.countries.map((c: Json) => c.code)).toEqual([
      'KAZ',
      'KGZ',
    ]);
    const res = await call('PATCH', '/api/v1/programmes/PRG1', {
      endDate: null,
      countries: ['UZB', 'TJK'],
      components: [{ titleEn: 'Only' }],
      activities: [{ titleEn: 'New', component: 0 }],
    });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ endDate: null, startDate: '2023-01-01', name: 'Test programme' });
    expect(res.body.countries.map((c: Json) => c.code)).toEqual(['TJK', 'UZB']);
    expect(res.body.activities).toMatchObject([{ title: 'New', componentId: res.body.components[0].id }]);
  });

  it('shows the meetings where a programme appears, as far as the caller may read them', async () => {
    const db = t.database.db;
    const prg = (
      await db.selectFrom('programme').select('id').where('code', '=', 'PRG1').executeTakeFirstOrThrow()
    ).id;
    const kaz = (await db.selectFrom('area').select('id').where('code', '=', 'KAZ').executeTakeFirstOrThrow())
      .id;
    const dialogue = (
      await db
        .insertInto('dialogue')
        .values({ code: 'T-DLG', kind: 'regional', titleEn: 'Dialogue', visibility: 'public' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const meeting = async (date: string, visibility: 'public' | 'participants') =>
      (
        await db
          .insertInto('meeting')
          .values({
            dialogueId: dialogue,
            titleEn: `Meeting ${date}`,
            startDate: date,
            endDate: date,
            visibility,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const open = await meeting('2023-12-12', 'public');
    const closed = await meeting('2024-12-10', 'participants');
    await db
      .insertInto('agendaItem')
      .values({ meetingId: open, kind: 'cooperation_programmes', titleEn: 'Programmes', programmeId: prg })
      .execute();
    const delegation = (
      await db
        .insertInto('delegation')
        .values({ meetingId: open, side: 'central_asia', areaId: kaz, supportedByProgrammeId: prg })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('participant')
      .values({ delegationId: delegation, name: 'Test Person', supportedByProgrammeId: prg })
      .execute();
    await db
      .insertInto('agendaItem')
      .values({ meetingId: closed, kind: 'cooperation_programmes', titleEn: 'Programmes', programmeId: prg })
      .execute();

    const pub = await call('GET', '/api/v1/programmes/PRG1', undefined, null);
    expect(pub.body.meetings).toEqual([
      {
        id: open,
        date: '2023-12-12',
        titleEn: 'Meeting 2023-12-12',
        titleRu: null,
        title: 'Meeting 2023-12-12',
        titleFallback: false,
        via: ['agenda', 'delegation', 'participant'],
      },
    ]);
    const signed = await call('GET', '/api/v1/programmes/PRG1', undefined, viewer);
    expect(signed.body.meetings.map((m: Json) => m.date)).toEqual(['2024-12-10', '2023-12-12']);

    expect((await programmesForMeeting(db, open)).map((p) => p.code)).toEqual(['PRG1']);
    expect(await programmesForMeeting(db, 999999)).toEqual([]);
    expect((await programmesForArea(db, 'UZB')).map((p) => p.code)).toEqual(['PRG1']);
    expect(await programmesForArea(db, 'KAZ')).toEqual([]);
  });

  it('hides participants-only programmes from the public; lists and filters by country', async () => {
    expect(
      (
        await call('POST', '/api/v1/programmes', {
          ...full,
          code: 'PRG2',
          visibility: 'participants',
          activities: [],
        })
      ).status,
    ).toBe(201);
    expect((await call('GET', '/api/v1/programmes/PRG2', undefined, null)).status).toBe(404);
    expect((await call('GET', '/api/v1/programmes/PRG2', undefined, viewer)).status).toBe(200);
    const pub = await call('GET', '/api/v1/programmes', undefined, null);
    expect(pub.body).toMatchObject({ total: 1, page: 1 });
    expect(pub.body.items.map((p: Json) => p.code)).toEqual(['PRG1']);
    const byArea = await call('GET', '/api/v1/programmes?area=KAZ', undefined, viewer);
    expect(byArea.body.items.map((p: Json) => p.code)).toEqual(['PRG2']);
    expect((await call('GET', '/api/v1/programmes?area=QQQ', undefined, viewer)).status).toBe(400);
  });

  it('deletes a programme; meetings keep their items; audited', async () => {
    expect((await call('DELETE', '/api/v1/programmes/PRG1', undefined, viewer)).status).toBe(403);
    expect((await call('DELETE', '/api/v1/programmes/PRG1')).status).toBe(204);
    expect((await call('GET', '/api/v1/programmes/PRG1')).status).toBe(404);
    expect((await call('DELETE', '/api/v1/programmes/PRG1')).status).toBe(404);
    const items = await t.database.db.selectFrom('agendaItem').select('programmeId').execute();
    expect(items.length).toBe(2);
    expect(items.every((i) => i.programmeId === null)).toBe(true);
    const audit = await t.database.db
      .selectFrom('auditEvent')
      .select('action')
      .where('entity', '=', 'programme')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'programme.create',
      'programme.create',
      'programme.delete',
      'programme.update',
    ]);
  });
});
