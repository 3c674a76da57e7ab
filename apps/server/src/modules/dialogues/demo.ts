import type { Db } from '../../platform/db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import * as repo from './dialogues.repository.ts';
import { buildPressRelease, loadRecord } from './press-release.service.ts';

/**
 * The EU – Central Asia drug dialogue and its meeting of 12 December 2023 in Brussels, recorded from
 * the press release only: chair, the four agenda blocks in its wording, the delegations it names
 * (no participant names, conclusions or follow-ups: the source gives none), then the press-release
 * draft generated from that record with the contact block of the reference.
 */

export const DEMO_SOURCE = 'press-release-2023-12-12-eu-central-asia-drug-dialogue.ru.txt';
export const DEMO_DIALOGUE = 'EU-CA';

const AGENDA = [
  {
    kind: 'eu_update',
    titleEn: 'EU update on drug policy and the drug situation',
    titleRu: 'Обновленная информация ЕС о наркополитике и ситуации с наркотиками',
    descriptionEn:
      'The European Union gave an update on drug policy and the drug situation in the EU, including a report on the implementation of the EU Drugs Strategy and Action Plan 2021-2025.',
    descriptionRu:
      'Европейский Союз предоставил обновленную информацию о политике в отношении наркотиков и ситуации с наркотиками в ЕС, в том числе отчет о реализации Стратегии и Плана действий ЕС по борьбе с наркотиками на 2021-2025 годы.',
    strategy: 'EU-DS-2021-2025',
  },
  {
    kind: 'country_updates',
    titleEn: 'Updates from the Central Asian countries',
    titleRu: 'Обновленная информация стран Центральной Азии',
    descriptionEn:
      'Updates followed on drug policy and the drug situation in the Central Asian countries, and on recent developments and trends.',
    descriptionRu:
      'За этим последовала обновленная информация о наркополитике и ситуации с наркотиками в странах Центральной Азии, а также о последних событиях и тенденциях.',
  },
  {
    kind: 'cooperation_programmes',
    titleEn: 'EU – Central Asia cooperation on drugs; CADAP and other EU-funded regional programmes',
    titleRu:
      'Сотрудничество ЕС и Центральной Азии в области борьбы с наркотиками; CADAP и другие региональные программы ЕС',
    descriptionEn:
      'An overview of cooperation between the EU and Central Asia on drugs was given, with a presentation of CADAP and other EU-funded regional programmes.',
    descriptionRu:
      'Был дан общий обзор сотрудничества между ЕС и Центральной Азией в области борьбы с наркотиками, а также презентация CADAP и других региональных программ, финансируемых ЕС.',
    programme: 'CADAP7',
  },
  {
    kind: 'emerging_issues',
    titleEn: 'Emerging issues: the drug situation in Afghanistan',
    titleRu: 'Возникающие проблемы: ситуация с наркотиками в Афганистане',
    descriptionEn:
      'Emerging issues concerning the drug situation in Afghanistan were discussed: production of and trafficking in methamphetamine and heroin, and other recent developments and trends.',
    descriptionRu:
      'Были обсуждены возникающие проблемы, касающиеся ситуации с наркотиками в Афганистане: производство метамфетамина и героина, их незаконный оборот, а также другие последние события и тренды.',
    area: 'AFG',
  },
] as const;

const CENTRAL_ASIA = ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'];
const EU_SIDE = [
  ['EU member states', 'Государства-члены ЕС'],
  ['European Commission', 'Европейская комиссия'],
  [
    'European Monitoring Centre for Drugs and Drug Addiction (EMCDDA)',
    'Европейский центр мониторинга наркотиков и зависимостей (EMCDDA)',
  ],
  ['Europol', 'Европол'],
  ['European External Action Service (EEAS)', 'Европейская служба внешних действий (ЕСВД)'],
  ['General Secretariat of the Council', 'Генеральный секретариат Совета'],
] as const;

export const DEMO_CONTACT = {
  en: [
    'Delegation of the European Union to the Kyrgyz Republic',
    '21 Erkindik Boulevard, Orion Business Centre, 5th floor',
    '720040 Bishkek, Kyrgyz Republic',
    'Phone: +996 312 26 10 00',
    'delegation-kyrgyzstan@eeas.europa.eu',
  ].join('\n'),
  ru: [
    'Представительство Европейского Союза в Кыргызской Республике',
    'Бульвар Эркиндик 21, Бизнес-центр Орион, 5-й этаж',
    '720040 Бишкек, Кыргызская Республика',
    'Телефон: +996 312 26 10 00',
    'delegation-kyrgyzstan@eeas.europa.eu',
  ].join('\n'),
};

/**
 * Loads the demo dialogue, meeting and press-release draft unless the dialogue EU-CA exists.
 * Programme CADAP7 and strategy EU-DS-2021-2025 are linked when they exist (load them first).
 * Returns whether it loaded anything.
 */
export async function loadDialogueDemo(db: Db): Promise<boolean> {
  if (await repo.findDialogue(db, { code: DEMO_DIALOGUE }, ['participants', 'public'])) return false;
  await db.transaction().execute(async (trx) => {
    const programme = await repo.findProgrammeByCode(trx, 'CADAP7');
    const strategy = await repo.findStrategyByCode(trx, 'EU-DS-2021-2025');
    const { id: dialogueId } = await repo.insertDialogue(trx, {
      code: DEMO_DIALOGUE,
      kind: 'regional',
      partnerAreaId: null,
      titleEn: 'EU – Central Asia drug dialogue',
      titleRu: 'Диалог по наркотикам «Европейский Союз – Центральная Азия»',
      descriptionEn:
        'The dialogue is a regular annual exchange aimed at strengthening international cooperation, exchanging views and supporting the sound development of drug policy.',
      descriptionRu:
        'Это регулярный ежегодный диалог, направленный на укрепление международного сотрудничества, обмен мнениями и поддержку надлежащего развития наркополитики.',
      visibility: 'public',
    });
    const { id: meetingId } = await repo.insertMeeting(trx, {
      dialogueId,
      titleEn: 'EU – Central Asia drug dialogue, Brussels, 12 December 2023',
      titleRu: 'Диалог по наркотикам «ЕС – Центральная Азия», Брюссель, 12 декабря 2023 г.',
      startDate: '2023-12-12',
      endDate: '2023-12-12',
      placeEn: 'Brussels',
      placeRu: 'Брюссель',
      format: 'in_person',
      chairEn: 'Spain (Presidency of the Council of the EU)',
      chairRu: 'Испания (председательство в Совете ЕС)',
      status: 'held',
      visibility: 'public',
      sourceReference: DEMO_SOURCE,
    });
    for (const [position, item] of AGENDA.entries()) {
      const areaId = 'area' in item ? ((await repo.findAreaByCode(trx, item.area))?.id ?? null) : null;
      await repo.insertAgendaItem(trx, {
        meetingId,
        position,
        kind: item.kind,
        titleEn: item.titleEn,
        titleRu: item.titleRu,
        descriptionEn: item.descriptionEn,
        descriptionRu: item.descriptionRu,
        areaId,
        programmeId: 'programme' in item ? (programme?.id ?? null) : null,
        strategyId: 'strategy' in item ? (strategy?.id ?? null) : null,
      });
    }
    let position = 0;
    for (const code of CENTRAL_ASIA) {
      const area = await repo.findAreaByCode(trx, code);
      if (!area) continue;
      await repo.insertDelegation(trx, {
        meetingId,
        side: 'central_asia',
        areaId: area.id,
        supportedByProgrammeId: programme?.id ?? null,
        position: position++,
      });
    }
    for (const [en, ru] of EU_SIDE)
      await repo.insertDelegation(trx, {
        meetingId,
        side: 'eu',
        institutionEn: en,
        institutionRu: ru,
        position: position++,
      });

    const record = await loadRecord(trx, meetingId);
    const en = buildPressRelease(record, 'en', DEMO_CONTACT.en).content;
    const ru = buildPressRelease(record, 'ru', DEMO_CONTACT.ru).content;
    await repo.upsertPressReleaseDraft(trx, meetingId, en, ru, null);
    await writeAudit(trx, {
      actorId: null,
      action: 'dialogue.demo',
      entity: 'dialogue',
      entityId: DEMO_DIALOGUE,
      after: { meetingId, source: DEMO_SOURCE },
    });
  });
  return true;
}
