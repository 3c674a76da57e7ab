import type { Db } from '../../../platform/db/database.ts';

/**
 * A meeting record for the briefing-pack tests, written with Kysely (the dialogues module is built
 * in parallel). Test fixtures only: neutral texts, no real participants or figures. One agenda item
 * has an English title only, so a Russian pack must fall back and say so.
 */
export async function insertMeetingFixture(db: Db, code = 'TEST-DLG') {
  const areas = await db
    .selectFrom('area')
    .select(['id', 'code'])
    .where('code', 'in', ['TJK', 'KAZ'])
    .execute();
  const areaId = (c: string) => areas.find((a) => a.code === c)!.id;
  const dialogue = await db
    .insertInto('dialogue')
    .values({ code, kind: 'regional', titleEn: 'Test dialogue', titleRu: 'Тестовый диалог' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const programme = await db
    .insertInto('programme')
    .values({
      code: `${code}-PRG`,
      nameEn: 'Test programme',
      nameRu: 'Тестовая программа',
      funderEn: 'Test funder',
      funderRu: 'Тестовый донор',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('programmeCountry')
    .values({ programmeId: programme.id, areaId: areaId('TJK') })
    .execute();
  const strategy = await db
    .insertInto('strategy')
    .values({
      code: `${code}-STR`,
      scope: 'eu',
      titleEn: 'Test strategy',
      titleRu: 'Тестовая стратегия',
      periodStart: 2021,
      periodEnd: 2025,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const area = await db
    .insertInto('strategyNode')
    .values({
      strategyId: strategy.id,
      kind: 'policy_area',
      code: 'A',
      titleEn: 'Area A',
      titleRu: 'Область А',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const action = await db
    .insertInto('strategyNode')
    .values({
      strategyId: strategy.id,
      parentId: area.id,
      kind: 'action',
      code: 'A.1',
      titleEn: 'Action A.1',
      titleRu: 'Мера А.1',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('progressUpdate')
    .values({ nodeId: action.id, reportedOn: '2023-11-01', status: 'on_track', percent: 40 })
    .execute();

  const previous = await db
    .insertInto('meeting')
    .values({
      dialogueId: dialogue.id,
      titleEn: 'Previous test meeting',
      titleRu: 'Предыдущая тестовая встреча',
      startDate: '2022-12-01',
      endDate: '2022-12-01',
      status: 'held',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('followUp')
    .values({
      meetingId: previous.id,
      textEn: 'Test follow-up',
      textRu: 'Тестовое поручение',
      ownerAreaId: areaId('TJK'),
      dueDate: '2023-06-30',
      status: 'open',
    })
    .execute();
  await db
    .insertInto('followUp')
    .values({ meetingId: previous.id, textEn: 'Closed follow-up', ownerEn: 'Test owner', status: 'done' })
    .execute();

  const meeting = await db
    .insertInto('meeting')
    .values({
      dialogueId: dialogue.id,
      titleEn: 'Test meeting',
      titleRu: 'Тестовая встреча',
      placeEn: 'Brussels',
      placeRu: 'Брюссель',
      startDate: '2023-12-12',
      endDate: '2023-12-12',
      status: 'held',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('agendaItem')
    .values([
      { meetingId: meeting.id, position: 1, kind: 'eu_update', titleEn: 'EU update', titleRu: 'Новости ЕС' },
      {
        meetingId: meeting.id,
        position: 2,
        kind: 'country_updates',
        titleEn: 'Country updates (English only)',
        areaId: areaId('TJK'),
      },
      {
        meetingId: meeting.id,
        position: 3,
        kind: 'strategy_implementation',
        titleEn: 'Strategy implementation',
        titleRu: 'Выполнение стратегии',
        strategyId: strategy.id,
      },
      {
        meetingId: meeting.id,
        position: 4,
        kind: 'cooperation_programmes',
        titleEn: 'Programmes',
        titleRu: 'Программы',
        programmeId: programme.id,
      },
    ])
    .execute();
  await db
    .insertInto('delegation')
    .values([
      {
        meetingId: meeting.id,
        side: 'central_asia',
        areaId: areaId('TJK'),
        supportedByProgrammeId: programme.id,
      },
      {
        meetingId: meeting.id,
        side: 'eu',
        institutionEn: 'Test institution',
        institutionRu: 'Тестовое учреждение',
      },
    ])
    .execute();
  return { meetingId: meeting.id, previousMeetingId: previous.id, dialogueId: dialogue.id };
}
