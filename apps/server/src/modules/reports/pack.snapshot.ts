import { createHash } from 'node:crypto';
import type { Language } from '@observatory/shared';
import type { ReadonlyDb } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { series as analyticsSeries } from '../analytics/index.ts';
import { carriedFollowUps } from '../dialogues/index.ts';
import { programmesForArea, programmesForMeeting, type ProgrammeSummaryDto } from '../programmes/index.ts';
import { strategyProgress, type NodeDto } from '../strategies/index.ts';
import * as repo from './reports.repository.ts';

/**
 * The data snapshot of a briefing pack: everything the pack shows, read once and stored as JSON
 * (`data_snapshot`), so a pack rendered again later from the same snapshot shows the same numbers.
 * Texts are kept in both languages (`en`/`ru`, either may be null); numbers carry their
 * observation ids and source codes, and the sources are stored with them.
 */

export const CENTRAL_ASIA = ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'] as const;
export const AUDIENCES = ['EU', ...CENTRAL_ASIA] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Key seizure series of the country situation, in this order (codes absent from the data are skipped). */
export const KEY_SUBSTANCES = ['heroin', 'opium', 'methamphetamine', 'cannabis-herb', 'cannabis-resin'];
export const SEIZURE_INDICATOR = 'SZR_QTY';
/** Other indicators shown for a country when it has values (no substance). */
export const OTHER_INDICATORS = ['DRD_DEATHS'];
/** Years of a country series: the last ones available. */
export const SERIES_YEARS = 10;
/** Signals shown: the newest years first, then the most severe; the pack says how many more exist. */
export const SIGNAL_LIMIT = 8;
/**
 * Indicator domains whose signals a pack lists: the drug indicators (seizures, cultivation, deaths,
 * treatment, prices and purity, prevalence, wastewater). Population (`POP`) and any other domain
 * are context, not drug signals.
 */
export const DRUG_DOMAINS = ['SZR', 'CULT', 'DRD', 'TDI', 'PPP', 'GPS', 'WW'];

export interface Text2 {
  en: string | null;
  ru: string | null;
}
const t2 = (en: string | null | undefined, ru: string | null | undefined): Text2 => ({
  en: en ?? null,
  ru: ru ?? null,
});

export interface SnapshotPoint {
  year: number;
  value: number | null;
  observationIds: number[];
  sources: string[];
  statuses: string[];
  footnotes: string[];
}
export interface SnapshotSeries {
  indicator: { code: string; name: Text2; unit: string };
  substance: { code: string; name: Text2 } | null;
  area: { code: string; name: Text2 };
  points: SnapshotPoint[];
}
export interface SnapshotSource {
  code: string;
  publisher: string;
  title: Text2;
  table: string | null;
  edition: string | null;
  year: number | null;
  url: string | null;
  /** Absent in snapshots recorded before the Sources section existed. */
  licence?: string | null;
}
export interface SnapshotContent {
  version: 1;
  meeting: {
    id: number;
    dialogue: { code: string; title: Text2 };
    title: Text2;
    place: Text2;
    chair: Text2;
    startDate: string;
    endDate: string;
    format: string;
    status: string;
  };
  audience: { code: Audience; name: Text2 };
  agenda: { position: number; kind: string; title: Text2; description: Text2 }[];
  delegations: {
    side: string;
    area: { code: string; name: Text2 } | null;
    institution: Text2;
    supportedBy: string | null;
    participants: { name: string; isHead: boolean; function: Text2; organisation: Text2 }[];
  }[];
  situation: { kind: 'country' | 'eu'; areas: { code: string; name: Text2 }[]; series: SnapshotSeries[] };
  signals: {
    id: number;
    kind: string;
    severity: string;
    year: number;
    area: string;
    text: Text2;
    observationIds: number[];
  }[];
  /** Signals that matched (shown or not); absent in older snapshots, where it equals `signals.length`. */
  signalsTotal?: number;
  strategies: {
    code: string;
    title: Text2;
    period: string;
    nodes: {
      id: number;
      parentId: number | null;
      kind: string;
      code: string;
      title: Text2;
      status: string | null;
      percent: number | null;
      reportedOn: string | null;
    }[];
  }[];
  followUps: {
    id: number;
    meetingDate: string;
    text: Text2;
    owner: Text2;
    dueDate: string | null;
    status: string;
  }[];
  programmes: {
    code: string;
    name: Text2;
    funder: Text2;
    implementer: Text2;
    startDate: string | null;
    endDate: string | null;
    countries: string[];
  }[];
  sources: SnapshotSource[];
}

/** A stable hash of the content (keys in insertion order, which the builder fixes). */
export const digestOf = (content: SnapshotContent) =>
  createHash('sha256').update(JSON.stringify(content)).digest('hex');

/** Whether the snapshot has at least one number for its audience. */
export const hasFigures = (content: SnapshotContent) =>
  content.situation.series.some((s) => s.points.some((p) => p.value !== null));

async function readSeries(
  db: ReadonlyDb,
  q: { indicator: string; substance?: string; areas: string[] },
  lang: Language,
) {
  try {
    return await analyticsSeries(
      db,
      {
        indicator: q.indicator,
        substance: q.substance,
        area: q.areas,
        measure: 'value',
        per: 100_000,
        transform: 'none',
      } satisfies Parameters<typeof analyticsSeries>[1],
      // Packs go to dialogue participants: public and dialogue observations, never restricted.
      'viewer',
      lang,
    );
  } catch (error) {
    // An indicator or substance this database does not know is a series the pack cannot show.
    if (error instanceof AppError && error.statusCode < 500) return null;
    throw error;
  }
}

/** Reads everything a pack shows. Returns null when the meeting does not exist. */
export async function buildSnapshot(
  db: ReadonlyDb,
  input: { meetingId: number; audience: Audience; language: Language },
): Promise<SnapshotContent | null> {
  const meeting = await repo.findMeeting(db, input.meetingId);
  if (!meeting) return null;
  const areaCodes = input.audience === 'EU' ? [...CENTRAL_ASIA] : [input.audience];
  const [agenda, { delegations, participants }, areaRows] = await Promise.all([
    repo.agendaOf(db, meeting.id),
    repo.delegationsOf(db, meeting.id),
    repo.areasByCode(db, areaCodes),
  ]);
  const areas = areaCodes.map((code) => areaRows.find((a) => a.code === code)).filter((a) => a !== undefined);
  const areaName = (code: string) => {
    const a = areas.find((x) => x.code === code);
    return a ? t2(a.nameEn, a.nameRu) : t2(code, code);
  };

  // Country situation: key seizure series (and other indicators for a country).
  const substances = await repo.substancesByCode(db, KEY_SUBSTANCES);
  const indicator = await repo.indicatorByCode(db, SEIZURE_INDICATOR);
  const series: SnapshotSeries[] = [];
  const sourceCodes = new Set<string>();
  const take = async (
    ind: { code: string; nameEn: string; nameRu: string | null; unit: string },
    sub: { code: string; nameEn: string; nameRu: string | null } | null,
  ) => {
    const out = await readSeries(
      db,
      { indicator: ind.code, ...(sub ? { substance: sub.code } : {}), areas: areas.map((a) => a.code) },
      input.language,
    );
    if (!out) return;
    for (const s of out.series) {
      if (s.kind !== 'area') continue;
      const points = s.points.slice(-SERIES_YEARS).map((p) => ({
        year: p.year,
        value: p.value,
        observationIds: p.observationIds,
        sources: p.sources,
        statuses: p.statuses,
        footnotes: p.footnotes,
      }));
      if (!points.some((p) => p.value !== null)) continue;
      for (const p of points) for (const c of p.sources) sourceCodes.add(c);
      series.push({
        indicator: { code: ind.code, name: t2(ind.nameEn, ind.nameRu), unit: out.unit.code },
        substance: sub ? { code: sub.code, name: t2(sub.nameEn, sub.nameRu) } : null,
        area: { code: s.area.code, name: areaName(s.area.code) },
        points,
      });
    }
  };
  if (indicator)
    for (const code of KEY_SUBSTANCES) {
      const sub = substances.find((s) => s.code === code);
      if (sub) await take(indicator, sub);
    }
  if (input.audience !== 'EU')
    for (const code of OTHER_INDICATORS) {
      const other = await repo.indicatorByCode(db, code);
      if (other) await take(other, null);
    }

  const [signals, strategyData, followUps, programmes, sources] = await Promise.all([
    repo.signalsOf(
      db,
      areas.map((a) => a.id),
      { limit: SIGNAL_LIMIT, domains: DRUG_DOMAINS },
    ),
    repo.strategiesByIds(db, [
      ...new Set(agenda.map((a) => a.strategyId).filter((id): id is number => id !== null)),
    ]),
    carriedFollowUps(db, meeting),
    programmesOf(
      db,
      meeting.id,
      areas.map((a) => a.code),
    ),
    repo.sourcesByCode(db, [...sourceCodes]),
  ]);

  const latest = new Map<number, (typeof strategyData.updates)[number]>();
  for (const u of strategyData.updates) if (!latest.has(u.nodeId)) latest.set(u.nodeId, u);
  const strategies: SnapshotContent['strategies'] = [];
  for (const s of strategyData.strategies) {
    // The strategies module's tree and roll-up (worst status, mean percent of the children).
    const progress = await strategyProgress(db, s.code, input.language);
    const nodes: SnapshotContent['strategies'][number]['nodes'] = [];
    if (progress) {
      const walk = (list: NodeDto[], parentId: number | null) => {
        for (const n of list) {
          nodes.push({
            id: n.id,
            parentId,
            kind: n.kind,
            code: n.code,
            title: t2(n.titleEn, n.titleRu),
            status: n.rollup.status ?? n.latest?.status ?? null,
            percent: n.rollup.percent ?? n.latest?.percent ?? null,
            reportedOn: n.latest?.reportedOn ?? null,
          });
          walk(n.children, n.id);
        }
      };
      walk(progress.nodes, null);
    } else
      for (const n of strategyData.nodes.filter((x) => x.strategyId === s.id)) {
        const u = latest.get(n.id);
        nodes.push({
          id: n.id,
          parentId: n.parentId,
          kind: n.kind,
          code: n.code,
          title: t2(n.titleEn, n.titleRu),
          status: u?.status ?? null,
          percent: u?.percent ?? null,
          reportedOn: u?.reportedOn ?? null,
        });
      }
    strategies.push({
      code: s.code,
      title: t2(s.titleEn, s.titleRu),
      period: `${s.periodStart}–${s.periodEnd}`,
      nodes,
    });
  }

  return {
    version: 1,
    meeting: {
      id: meeting.id,
      dialogue: { code: meeting.dialogueCode, title: t2(meeting.dialogueTitleEn, meeting.dialogueTitleRu) },
      title: t2(meeting.titleEn, meeting.titleRu),
      place: t2(meeting.placeEn, meeting.placeRu),
      chair: t2(meeting.chairEn, meeting.chairRu),
      startDate: meeting.startDate,
      endDate: meeting.endDate,
      format: meeting.format,
      status: meeting.status,
    },
    audience: {
      code: input.audience,
      name: input.audience === 'EU' ? t2('EU', 'ЕС') : areaName(input.audience),
    },
    agenda: agenda.map((a) => ({
      position: a.position,
      kind: a.kind,
      title: t2(a.titleEn, a.titleRu),
      description: t2(a.descriptionEn, a.descriptionRu),
    })),
    delegations: delegations.map((d) => ({
      side: d.side,
      area: d.areaCode ? { code: d.areaCode, name: t2(d.areaNameEn, d.areaNameRu) } : null,
      institution: t2(d.institutionEn, d.institutionRu),
      supportedBy: d.programmeCode,
      participants: participants
        .filter((p) => p.delegationId === d.id)
        .map((p) => ({
          name: p.name,
          isHead: p.isHead,
          function: t2(p.functionEn, p.functionRu),
          organisation: t2(p.organisationEn, p.organisationRu),
        })),
    })),
    situation: {
      kind: input.audience === 'EU' ? 'eu' : 'country',
      areas: areas.map((a) => ({ code: a.code, name: t2(a.nameEn, a.nameRu) })),
      series,
    },
    signals: signals.rows.map((s) => ({
      id: s.id,
      kind: s.kind,
      severity: s.severity,
      year: s.year,
      area: s.areaCode,
      text: t2(s.textEn, s.textRu),
      observationIds: s.observationIds,
    })),
    signalsTotal: signals.total,
    strategies,
    // Carried follow-ups still open: those closed at this meeting are part of its record, not of
    // the open items the pack lists.
    followUps: followUps
      .filter((f) => f.status === 'open' || f.status === 'in_progress')
      .map((f) => ({
        id: f.id,
        meetingDate: f.meetingStartDate,
        text: t2(f.textEn, f.textRu),
        owner: f.ownerAreaCode
          ? t2(f.ownerAreaNameEn ?? f.ownerEn, f.ownerAreaNameRu ?? f.ownerRu)
          : t2(f.ownerEn, f.ownerRu),
        dueDate: f.dueDate,
        status: f.status,
      })),
    programmes: programmes.map((p) => ({
      code: p.code,
      name: t2(p.nameEn, p.nameRu),
      funder: t2(p.funderEn, p.funderRu),
      implementer: t2(p.implementerEn, p.implementerRu),
      startDate: p.startDate,
      endDate: p.endDate,
      countries: p.countries.map((c) => c.code),
    })),
    sources: sources.map((s) => ({
      code: s.code,
      publisher: s.publisher,
      title: t2(s.titleEn, s.titleRu),
      table: s.tableName,
      edition: s.edition,
      year: s.year,
      url: s.url,
      licence: s.licence,
    })),
  };
}

/**
 * Programmes presented at the meeting (agenda, delegations, participants) or covering one of the
 * pack's countries, through the programmes module. Its participant-level visibility is right for a
 * pack (it goes to dialogue participants; programmes have no restricted level).
 */
async function programmesOf(db: ReadonlyDb, meetingId: number, areaCodes: string[]) {
  const lists = await Promise.all([
    programmesForMeeting(db, meetingId),
    ...areaCodes.map((code) => programmesForArea(db, code)),
  ]);
  const byCode = new Map<string, ProgrammeSummaryDto>();
  for (const p of lists.flat()) if (!byCode.has(p.code)) byCode.set(p.code, p);
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
