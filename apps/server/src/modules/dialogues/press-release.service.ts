import { IntlMessageFormat } from 'intl-messageformat';
import templatesEn from '@observatory/shared/locales/en/dialogues.json' with { type: 'json' };
import templatesRu from '@observatory/shared/locales/ru/dialogues.json' with { type: 'json' };
import type { Language, Role } from '@observatory/shared';
import type { Db } from '../../platform/db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { errors } from '../../platform/http/errors.ts';
import * as repo from './dialogues.repository.ts';
import {
  isEditor,
  meetingForWrite,
  pick,
  readableMeeting,
  type Actor,
  type Reader,
} from './dialogues.shared.ts';
import type { PressContent, PressReleaseDto } from './press-release.schemas.ts';

/**
 * The press release / summary record of a meeting, generated from the meeting record in the
 * structure of the reference press release (title, dateline, lead, one paragraph per agenda item,
 * participants, programme and funder boilerplate, contact). Every sentence comes from the ICU
 * templates of the `dialogues` locale namespace; a text missing in one language is taken from the
 * other and listed in `fallbacks`.
 */

const TEMPLATES = { en: templatesEn.press, ru: templatesRu.press } as const;
type TemplateKey = keyof typeof templatesEn.press;
const compiled = new Map<string, IntlMessageFormat>();

function tpl(lang: Language, key: TemplateKey, values: Record<string, string>): string {
  const id = `${lang}:${key}`;
  let m = compiled.get(id);
  if (!m) {
    m = new IntlMessageFormat(TEMPLATES[lang][key], lang);
    compiled.set(id, m);
  }
  const out = m.format(values);
  if (typeof out !== 'string') throw new TypeError(`dialogues:press.${key} did not format to a string`);
  return out;
}

export function formatDate(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}
const list = (lang: Language, items: string[]) =>
  new Intl.ListFormat(lang, { type: 'conjunction', style: 'long' }).format(items);

export interface Fallback {
  field: string;
  usedLanguage: Language;
}

/** Everything of a meeting the press release is built from. */
export async function loadRecord(db: Reader, meetingId: number) {
  const meeting = (await repo.findMeeting(db, meetingId))!;
  const [agenda, delegations] = await Promise.all([
    repo.agendaOf(db, meetingId),
    repo.delegationsOf(db, meetingId),
  ]);
  const programmeIds = [
    ...agenda.map((a) => a.programmeId),
    ...delegations.map((d) => d.supportedByProgrammeId),
  ].filter((x): x is number => x !== null);
  const [areas, programmes, strategies] = await Promise.all([
    repo.areasByIds(
      db,
      delegations.map((d) => d.areaId).filter((x): x is number => x !== null),
    ),
    repo.programmesByIds(db, [...new Set(programmeIds)]),
    repo.strategiesByIds(
      db,
      agenda.map((a) => a.strategyId).filter((x): x is number => x !== null),
    ),
  ]);
  return {
    meeting,
    agenda,
    delegations,
    areas: new Map(areas.map((a) => [a.id, a])),
    programmes: new Map(programmes.map((p) => [p.id, p])),
    programmeOrder: [...new Set(programmeIds)],
    strategies: new Map(strategies.map((s) => [s.id, s])),
  };
}
export type MeetingRecord = Awaited<ReturnType<typeof loadRecord>>;

/** Builds the press release of a meeting in one language. Pure: same record, same text. */
export function buildPressRelease(
  record: MeetingRecord,
  lang: Language,
  contact: string,
): { content: PressContent; fallbacks: Fallback[] } {
  const fallbacks: Fallback[] = [];
  const seen = new Set<string>();
  const text = (field: string, en: string | null | undefined, ru: string | null | undefined) =>
    pick(lang, en, ru, (usedLanguage) => {
      if (seen.has(field)) return;
      seen.add(field);
      fallbacks.push({ field, usedLanguage });
    });
  const { meeting: m } = record;
  const dialogue = text('dialogue.title', m.dialogueTitleEn, m.dialogueTitleRu);
  const place = text('meeting.place', m.placeEn, m.placeRu);
  const chair = text('meeting.chair', m.chairEn, m.chairRu);
  const date = formatDate(m.startDate, lang);

  const programmeName = (id: number) => {
    const p = record.programmes.get(id)!;
    return text(`programmes.${p.code}.name`, p.nameEn, p.nameRu);
  };
  const delegationName = (d: MeetingRecord['delegations'][number], i: number) => {
    const area = d.areaId === null ? undefined : record.areas.get(d.areaId);
    const institution = text(`delegations[${i}].institution`, d.institutionEn, d.institutionRu);
    if (institution) return institution;
    return area ? (lang === 'ru' ? area.nameRu : area.nameEn) : '';
  };

  const lead = [tpl(lang, 'lead', { date, dialogue, place: place || 'none', chair: chair || 'none' })];
  const about = text('dialogue.description', m.dialogueDescriptionEn, m.dialogueDescriptionRu);
  if (about) lead.push(about);
  const supported = record.delegations
    .map((d, i) => ({ d, name: delegationName(d, i) }))
    .filter(({ d }) => d.supportedByProgrammeId !== null);
  if (supported.length) {
    const programmes = [...new Set(supported.map(({ d }) => d.supportedByProgrammeId!))].map(programmeName);
    lead.push(
      tpl(lang, 'leadSupported', {
        programmes: list(lang, programmes),
        countries: list(
          lang,
          supported.map(({ name }) => name),
        ),
      }),
    );
  }

  const paragraphs = record.agenda.map((a, i) => {
    const title = text(`agenda[${i}].title`, a.titleEn, a.titleRu);
    const parts = [text(`agenda[${i}].description`, a.descriptionEn, a.descriptionRu)];
    if (a.programmeId !== null)
      parts.push(tpl(lang, 'agendaProgramme', { name: programmeName(a.programmeId) }));
    if (a.strategyId !== null) {
      const st = record.strategies.get(a.strategyId)!;
      parts.push(
        tpl(lang, 'agendaStrategy', { title: text(`strategies.${st.code}.title`, st.titleEn, st.titleRu) }),
      );
    }
    const body = parts.filter(Boolean).join(' ');
    return body ? { heading: title, text: body } : { text: title };
  });

  const bySide = (side: string) =>
    record.delegations
      .map((d, i) => ({ d, name: delegationName(d, i) }))
      .filter(({ d }) => d.side === side)
      .map(({ name }) => name);
  const participants = [
    ['eu', 'participantsEu'],
    ['central_asia', 'participantsCa'],
    ['other', 'participantsOther'],
  ]
    .map(([side, key]) => {
      const names = bySide(side!);
      return names.length ? tpl(lang, key as TemplateKey, { list: list(lang, names) }) : '';
    })
    .filter(Boolean)
    .join(' ');

  const boilerplate = record.programmeOrder.map((id) => {
    const p = record.programmes.get(id)!;
    const name = programmeName(id);
    const implementer = text(`programmes.${p.code}.implementer`, p.implementerEn, p.implementerRu);
    const funder = text(`programmes.${p.code}.funder`, p.funderEn, p.funderRu);
    if (implementer && funder) return tpl(lang, 'boilerplate', { name, implementer, funder });
    if (implementer) return tpl(lang, 'boilerplateImplementer', { name, implementer });
    if (funder) return tpl(lang, 'boilerplateFunder', { name, funder });
    return tpl(lang, 'boilerplateNameOnly', { name });
  });

  return {
    content: {
      title: tpl(lang, 'title', { dialogue }),
      dateline: place ? tpl(lang, 'dateline', { place, date }) : tpl(lang, 'datelineNoPlace', { date }),
      lead: lead.join(' '),
      paragraphs,
      participants,
      boilerplate,
      contact,
      fallbacks,
    },
    fallbacks,
  };
}

/** Plain-text rendering of one language's content. */
export function renderText(c: PressContent, lang: Language): string {
  const contactLabel = (lang === 'ru' ? templatesRu : templatesEn).text.contact;
  const blocks = [
    c.title,
    c.dateline,
    c.lead,
    ...c.paragraphs.map((p) => (p.heading ? `${p.heading}\n${p.text}` : p.text)),
    c.participants,
    ...c.boilerplate,
    c.contact ? `${contactLabel}:\n${c.contact}` : '',
  ];
  return `${blocks.filter((b) => b && b.trim()).join('\n\n')}\n`;
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findPressRelease>>>;
function dto(r: Row): PressReleaseDto {
  const en = r.contentEn as PressContent | null;
  const ru = r.contentRu as PressContent | null;
  return {
    meetingId: r.meetingId,
    status: r.status,
    publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
    updatedAt: new Date(r.updatedAt).toISOString(),
    contentEn: en,
    contentRu: ru,
    fallbacks: [
      ...(en?.fallbacks ?? []).map((f) => ({ language: 'en' as const, ...f })),
      ...(ru?.fallbacks ?? []).map((f) => ({ language: 'ru' as const, ...f })),
    ],
  };
}

const audit = (
  trx: Parameters<typeof writeAudit>[0],
  actor: Actor,
  action: string,
  meetingId: number,
  before: unknown,
  after: unknown,
) =>
  writeAudit(trx, {
    actorId: actor.user.id,
    action,
    entity: 'press_release',
    entityId: meetingId,
    before,
    after,
    ip: actor.ip,
  });

/** Generates (or regenerates) the bilingual draft from the meeting record. */
export async function generateDraft(
  db: Db,
  actor: Actor,
  meetingId: number,
  body: { contactEn?: string | null; contactRu?: string | null },
) {
  await db.transaction().execute(async (trx) => {
    await meetingForWrite(trx, meetingId);
    const before = await repo.findPressRelease(trx, meetingId);
    if (before?.status === 'published') throw errors.conflict('press_release_published');
    const oldEn = before?.contentEn as PressContent | null | undefined;
    const oldRu = before?.contentRu as PressContent | null | undefined;
    const contactEn = body.contactEn ?? oldEn?.contact ?? body.contactRu ?? '';
    const contactRu = body.contactRu ?? oldRu?.contact ?? body.contactEn ?? '';
    const record = await loadRecord(trx, meetingId);
    const en = buildPressRelease(record, 'en', contactEn).content;
    const ru = buildPressRelease(record, 'ru', contactRu).content;
    await repo.upsertPressReleaseDraft(trx, meetingId, en, ru, actor.user.id);
    await audit(trx, actor, 'press_release.generate', meetingId, before ?? undefined, {
      contentEn: en,
      contentRu: ru,
    });
  });
  return dto((await repo.findPressRelease(db, meetingId))!);
}

export async function editPressRelease(
  db: Db,
  actor: Actor,
  meetingId: number,
  body: { contentEn?: PressContent | null; contentRu?: PressContent | null },
) {
  await db.transaction().execute(async (trx) => {
    await meetingForWrite(trx, meetingId);
    const before = await repo.findPressRelease(trx, meetingId);
    if (!before) throw errors.notFound('pressRelease', String(meetingId));
    const contentEn = body.contentEn === undefined ? before.contentEn : body.contentEn;
    const contentRu = body.contentRu === undefined ? before.contentRu : body.contentRu;
    if (!contentEn && !contentRu) throw errors.invalidParameter('contentEn', 'bilingual_required');
    await repo.updatePressReleaseContent(trx, meetingId, contentEn, contentRu, actor.user.id);
    await audit(trx, actor, 'press_release.edit', meetingId, before, { contentEn, contentRu });
  });
  return dto((await repo.findPressRelease(db, meetingId))!);
}

export async function publishPressRelease(db: Db, actor: Actor, meetingId: number) {
  await db.transaction().execute(async (trx) => {
    await meetingForWrite(trx, meetingId);
    const before = await repo.findPressRelease(trx, meetingId);
    if (!before) throw errors.notFound('pressRelease', String(meetingId));
    if (before.status === 'published') return;
    await repo.publishPressRelease(trx, meetingId, actor.user.id);
    await audit(
      trx,
      actor,
      'press_release.publish',
      meetingId,
      { status: before.status },
      { status: 'published' },
    );
  });
  return dto((await repo.findPressRelease(db, meetingId))!);
}

/** The press release if the caller may read it: drafts are for editors, published ones follow the meeting. */
export async function getPressRelease(db: Reader, meetingId: number, role: Role | null) {
  await readableMeeting(db, meetingId, role);
  const r = await repo.findPressRelease(db, meetingId);
  if (!r || (r.status === 'draft' && !isEditor(role)))
    throw errors.notFound('pressRelease', String(meetingId));
  return dto(r);
}

export async function pressReleaseText(db: Reader, meetingId: number, role: Role | null, lang: Language) {
  const r = await getPressRelease(db, meetingId, role);
  const content = (lang === 'ru' ? r.contentRu : r.contentEn) ?? r.contentEn ?? r.contentRu;
  return renderText(content!, lang);
}
