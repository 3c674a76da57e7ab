import { textFields, textPair, visibilitiesFor, type Language, type Role } from '@observatory/shared';
import { translator } from '@observatory/shared/i18n';
import type { z } from 'zod';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type { ProgressStatus, StrategyNodeKind } from '../../platform/db/schema.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import { writeAudit } from '../../platform/audit.ts';
import { errors, isUniqueViolation, type ErrorDetail } from '../../platform/http/errors.ts';
import { resolveAreas } from '../areas/index.ts';
import { resolveSubstances } from '../substances/index.ts';
import { series, seriesQuery } from '../analytics/index.ts';
import * as repo from './strategies.repository.ts';
import type {
  AlignmentBody,
  CreateNodeBody,
  CreateStrategyBody,
  IndicatorLinkBody,
  ListStrategiesQuery,
  NodeDto,
  PatchNodeBody,
  PatchStrategyBody,
  ProgressBody,
  alignmentSchema,
  indicatorLinkSchema,
  progressSchema,
  rollupSchema,
  strategySchema,
  strategySummarySchema,
} from './strategies.schemas.ts';

type Actor = { user: SessionUser; ip: string | null };
export type StrategySummaryDto = z.infer<typeof strategySummarySchema>;
export type StrategyDto = z.infer<typeof strategySchema>;
export type RollupDto = z.infer<typeof rollupSchema>;
export type ProgressDto = z.infer<typeof progressSchema>;
export type { NodeDto };

const iso = (d: Date | string) => new Date(d).toISOString();
const name = (lang: Language, en: string | null, ru: string | null, code: string) =>
  (lang === 'ru' ? (ru ?? en) : (en ?? ru)) ?? code;

// ---------------------------------------------------------------- roll-up

/**
 * Status roll-up order, worst first: a parent takes the worst status among its children that have
 * progress data. `discontinued` comes last: an item given up does not make its parent look worse
 * than its running siblings; `not_started` is worse than `on_track` (nothing happening yet).
 */
export const ROLLUP_STATUS_ORDER: readonly ProgressStatus[] = [
  'at_risk',
  'delayed',
  'not_started',
  'on_track',
  'completed',
  'discontinued',
];

export interface RollupInput {
  code: string;
  latest: { status: ProgressStatus; percent: number | null } | null;
  children: RollupInput[];
}

export interface Rollup {
  percent: number | null;
  status: ProgressStatus | null;
  coverage: { reported: number; total: number };
  notReported: string[];
}

const hasData = (r: Rollup) => r.percent !== null || r.status !== null;
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Progress of a set of children: percent = mean of the rolled-up percents of the children that
 * have one (children without data are not counted as 0, they are listed as not reported); status =
 * the worst rolled-up status (ROLLUP_STATUS_ORDER). Coverage: children with data / children.
 */
export function rollupChildren(children: { code: string; rollup: Rollup }[]): Rollup {
  const reported = children.filter((c) => hasData(c.rollup));
  const percents = reported.map((c) => c.rollup.percent).filter((p): p is number => p !== null);
  const statuses = reported.map((c) => c.rollup.status).filter((s): s is ProgressStatus => s !== null);
  const worst = statuses.length
    ? statuses.reduce((a, b) => (ROLLUP_STATUS_ORDER.indexOf(b) < ROLLUP_STATUS_ORDER.indexOf(a) ? b : a))
    : null;
  return {
    percent: percents.length ? round1(percents.reduce((a, b) => a + b, 0) / percents.length) : null,
    status: worst,
    coverage: { reported: reported.length, total: children.length },
    notReported: children.filter((c) => !hasData(c.rollup)).map((c) => c.code),
  };
}

/** An item without children is its own latest update; an item with children rolls them up. */
export function rollupNode(node: RollupInput): Rollup {
  if (node.children.length === 0)
    return {
      percent: node.latest?.percent ?? null,
      status: node.latest?.status ?? null,
      coverage: { reported: node.latest ? 1 : 0, total: 1 },
      notReported: [],
    };
  return rollupChildren(node.children.map((c) => ({ code: c.code, rollup: rollupNode(c) })));
}

// ---------------------------------------------------------------- reading

function summary(r: repo.StrategyRow, lang: Language): StrategySummaryDto {
  return {
    id: r.id,
    code: r.code,
    scope: r.scope,
    area: r.areaCode ? { code: r.areaCode, name: name(lang, r.areaNameEn, r.areaNameRu, r.areaCode) } : null,
    ...textPair('title', lang, r.titleEn, r.titleRu),
    descriptionEn: r.descriptionEn,
    descriptionRu: r.descriptionRu,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    ...textPair('adoptedBy', lang, r.adoptedByEn, r.adoptedByRu),
    sourceReference: r.sourceReference,
    visibility: r.visibility,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export async function listStrategies(
  db: ReadonlyDb,
  query: ListStrategiesQuery,
  role: Role | null,
  lang: Language,
) {
  const areaIds = query.area?.length
    ? (await resolveAreas(db, query.area, 'area')).map((a) => a.id)
    : undefined;
  const { rows, total } = await repo.findStrategies(
    db,
    {
      visibility: visibilitiesFor(role),
      ...(query.scope ? { scope: query.scope } : {}),
      ...(areaIds ? { areaIds } : {}),
    },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items: rows.map((r) => summary(r, lang)), page: query.page, pageSize: query.pageSize, total };
}

function progressDto(
  p: {
    id: number;
    reportedOn: string;
    status: ProgressStatus;
    percent: number | null;
    narrativeEn: string | null;
    narrativeRu: string | null;
    evidenceDocumentIds: number[];
    evidenceObservationIds: (number | string)[];
    createdAt: Date;
  },
  lang: Language,
): ProgressDto {
  const t = translator(lang);
  return {
    id: p.id,
    reportedOn: p.reportedOn,
    status: p.status,
    statusText: t(`strategies:status.${p.status}`),
    percent: p.percent,
    ...textPair('narrative', lang, p.narrativeEn, p.narrativeRu),
    evidenceDocumentIds: p.evidenceDocumentIds,
    evidenceObservationIds: p.evidenceObservationIds.map(Number),
    createdAt: iso(p.createdAt),
  };
}

type LatestValue = z.infer<typeof indicatorLinkSchema>['latest'];

/**
 * The latest observed value of each link with an area, read as the analytics API reads a series
 * (preferred source; a breakdown without a total, such as UNODC's `item`, summed when additive), so
 * the strategy page, the explorer and the briefing packs give the same number. One series per link.
 */
async function latestValues(
  db: ReadonlyDb,
  links: repo.LinkRow[],
  role: Role | null,
  lang: Language,
): Promise<Map<number, LatestValue>> {
  const out = new Map<number, LatestValue>();
  for (const l of links) {
    if (!l.areaCode) continue;
    const answer = await series(
      db,
      seriesQuery.parse({
        indicator: l.indicatorCode,
        area: l.areaCode,
        ...(l.substanceCode ? { substance: l.substanceCode } : {}),
      }),
      role,
      lang,
    ).catch(() => null); // a link the analytics cannot read (e.g. ambiguous breakdown) has no value
    const points = answer?.series[0]?.points ?? [];
    const last = points.findLast((p) => p.value !== null);
    if (!answer || !last || last.value === null) continue;
    out.set(l.id, {
      value: last.value,
      year: last.year,
      unit: answer.unit.code,
      sourceCode: last.sources[0] ?? '',
      observationId: last.observationIds[0] ?? 0,
      observationIds: last.observationIds,
    });
  }
  return out;
}

function linkDto(
  l: repo.LinkRow,
  lang: Language,
  latest: LatestValue | null,
): z.infer<typeof indicatorLinkSchema> {
  return {
    id: l.id,
    indicator: {
      code: l.indicatorCode,
      name: name(lang, l.indicatorNameEn, l.indicatorNameRu, l.indicatorCode),
    },
    area: l.areaCode ? { code: l.areaCode, name: name(lang, l.areaNameEn, l.areaNameRu, l.areaCode) } : null,
    substance: l.substanceCode
      ? { code: l.substanceCode, name: name(lang, l.substanceNameEn, l.substanceNameRu, l.substanceCode) }
      : null,
    baselineValue: l.baselineValue,
    baselineYear: l.baselineYear,
    targetValue: l.targetValue,
    targetYear: l.targetYear,
    noteEn: l.noteEn,
    noteRu: l.noteRu,
    latest,
  };
}

function rollupDto(r: Rollup, lang: Language): RollupDto {
  return { ...r, statusText: r.status ? translator(lang)(`strategies:status.${r.status}`) : null };
}

/**
 * The tree of a strategy with each item's latest update, roll-ups, indicator links (with the latest
 * observed values the given confidentiality levels allow) and alignments (to strategies of the given
 * visibility). A fixed number of queries per strategy, whatever its size.
 */
async function buildTree(
  db: ReadonlyDb,
  strategy: repo.StrategyRow,
  lang: Language,
  role: Role | null,
): Promise<StrategyDto> {
  const [rows, links, alignments] = await Promise.all([
    repo.loadTree(db, strategy.id),
    repo.loadLinks(db, { strategyId: strategy.id }),
    repo.loadAlignments(db, strategy.id, visibilitiesFor(role)),
  ]);
  const latest = await latestValues(db, links, role, lang);
  const nodes = new Map<number, NodeDto & { parentId: number | null }>();
  for (const r of rows)
    nodes.set(r.id, {
      id: r.id,
      parentId: r.parentId,
      kind: r.kind,
      code: r.code,
      position: r.position,
      ...textPair('title', lang, r.titleEn, r.titleRu),
      descriptionEn: r.descriptionEn,
      descriptionRu: r.descriptionRu,
      responsibleEn: r.responsibleEn,
      responsibleRu: r.responsibleRu,
      startDate: r.startDate,
      endDate: r.endDate,
      latest:
        r.progressId !== null
          ? progressDto(
              {
                id: r.progressId,
                reportedOn: r.reportedOn!,
                status: r.status!,
                percent: r.percent,
                narrativeEn: r.narrativeEn,
                narrativeRu: r.narrativeRu,
                evidenceDocumentIds: r.evidenceDocumentIds ?? [],
                evidenceObservationIds: r.evidenceObservationIds ?? [],
                createdAt: r.progressCreatedAt!,
              },
              lang,
            )
          : null,
      rollup: {
        percent: null,
        status: null,
        statusText: null,
        coverage: { reported: 0, total: 0 },
        notReported: [],
      },
      indicators: [],
      alignments: [],
      children: [],
    });
  const roots: NodeDto[] = [];
  // rows come ordered by parent (nulls first), position, id: children keep their order
  for (const n of nodes.values()) {
    const parent = n.parentId === null ? undefined : nodes.get(n.parentId);
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  for (const l of links) nodes.get(l.nodeId)?.indicators.push(linkDto(l, lang, latest.get(l.id) ?? null));
  for (const a of alignments)
    nodes.get(a.ownNodeId)?.alignments.push({
      id: a.id,
      relation: a.relation,
      noteEn: a.noteEn,
      noteRu: a.noteRu,
      other: {
        strategyCode: a.otherStrategyCode,
        nodeId: a.otherNodeId,
        nodeCode: a.otherNodeCode,
        ...textPair('title', lang, a.otherTitleEn, a.otherTitleRu),
      },
    } satisfies z.infer<typeof alignmentSchema>);
  const fill = (n: NodeDto): Rollup => {
    const r =
      n.children.length === 0
        ? rollupNode({ code: n.code, latest: n.latest, children: [] })
        : rollupChildren(n.children.map((c) => ({ code: c.code, rollup: fill(c) })));
    n.rollup = rollupDto(r, lang);
    return r;
  };
  const top = rollupChildren(roots.map((n) => ({ code: n.code, rollup: fill(n) })));
  const strip = (n: NodeDto & { parentId?: number | null }): NodeDto => {
    const { parentId: _p, ...rest } = n;
    return { ...rest, children: n.children.map(strip) };
  };
  return { ...summary(strategy, lang), rollup: rollupDto(top, lang), nodes: roots.map(strip) };
}

/** A strategy the caller may read (participants-only ones are 404 for the public). */
async function readable(db: ReadonlyDb, code: string, role: Role | null) {
  const s = await repo.findStrategyByCode(db, code);
  if (!s || !visibilitiesFor(role).includes(s.visibility)) throw errors.notFound('strategy', code);
  return s;
}

export async function getStrategy(db: ReadonlyDb, code: string, role: Role | null, lang: Language) {
  const s = await readable(db, code, role);
  return buildTree(db, s, lang, role);
}

/**
 * The tree with roll-ups for the briefing packs (which go to dialogue participants): observed
 * values from `public` and `dialogue` observations only, never `restricted`. Null when no strategy
 * has the code.
 */
export async function strategyProgress(
  db: ReadonlyDb,
  strategyCode: string,
  lang: Language,
): Promise<StrategyDto | null> {
  const s = await repo.findStrategyByCode(db, strategyCode);
  if (!s) return null;
  // A viewer (dialogue participant) reads public and dialogue data, never restricted.
  return buildTree(db, s, lang, 'viewer');
}

function findInTree(nodes: NodeDto[], id: number): NodeDto | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const found = findInTree(n.children, id);
    if (found) return found;
  }
  return undefined;
}

/** One item as it appears in its strategy's tree (with its subtree and roll-up). */
async function nodeView(db: ReadonlyDb, strategyId: number, nodeId: number, role: Role, lang: Language) {
  const s = (await repo.findStrategyById(db, strategyId))!;
  const tree = await buildTree(db, s, lang, role);
  return { strategyCode: s.code, ...findInTree(tree.nodes, nodeId)! };
}

/** A node whose strategy the caller may read, with that strategy. */
async function readableNode(db: ReadonlyDb, id: number, role: Role | null) {
  const node = await repo.findNode(db, id);
  const strategy = node ? await repo.findStrategyById(db, node.strategyId) : undefined;
  if (!node || !strategy || !visibilitiesFor(role).includes(strategy.visibility))
    throw errors.notFound('strategy_node', String(id));
  return { node, strategy };
}

export async function listProgress(db: ReadonlyDb, nodeId: number, role: Role | null, lang: Language) {
  await readableNode(db, nodeId, role);
  return { items: (await repo.progressOf(db, nodeId)).map((p) => progressDto(p, lang)) };
}

// ---------------------------------------------------------------- strategies: writes

async function countryId(db: ReadonlyDb, code: string, param: string): Promise<number> {
  const [area] = await resolveAreas(db, [code], param);
  if (area!.kind === 'group' || area!.kind === 'region')
    throw errors.invalidBody([{ param, code: 'not_a_country', params: { code: area!.code } }]);
  return area!.id;
}

function checkStrategy(s: {
  scope: string;
  area?: string | null | undefined;
  titleEn: string | null;
  titleRu: string | null;
  periodStart: number;
  periodEnd: number;
}) {
  const details: ErrorDetail[] = [];
  if (s.titleEn === null && s.titleRu === null)
    details.push({ param: 'titleEn', code: 'bilingual_required' });
  if (s.periodEnd < s.periodStart)
    details.push({
      param: 'periodEnd',
      code: 'period_order',
      params: { start: s.periodStart, end: s.periodEnd },
    });
  if (s.scope === 'national' && !s.area) details.push({ param: 'area', code: 'strategy_area_required' });
  if (s.scope !== 'national' && s.area)
    details.push({ param: 'area', code: 'strategy_area_not_allowed', params: { scope: s.scope } });
  if (details.length) throw errors.invalidBody(details);
}

export async function createStrategy(db: Db, actor: Actor, body: CreateStrategyBody, lang: Language) {
  checkStrategy(body);
  const { area, ...fields } = body;
  const areaId = area ? await countryId(db, area, 'area') : null;
  // codes are looked up without regard to case: `eu-ds` may not sit beside `EU-DS`
  if (await repo.findStrategyByCode(db, body.code)) throw errors.conflict('duplicate', { value: body.code });
  try {
    await db.transaction().execute(async (trx) => {
      await repo.insertStrategy(trx, { ...fields, areaId }, actor.user.id);
      await writeAudit(trx, {
        actorId: actor.user.id,
        action: 'strategy.create',
        entity: 'strategy',
        entityId: body.code,
        after: body,
        ip: actor.ip,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw errors.conflict('duplicate', { value: body.code });
    throw error;
  }
  return getStrategy(db, body.code, actor.user.role, lang);
}

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export async function patchStrategy(
  db: Db,
  actor: Actor,
  code: string,
  body: PatchStrategyBody,
  lang: Language,
) {
  const s = await repo.findStrategyByCode(db, code);
  if (!s) throw errors.notFound('strategy', code);
  const { area, ...fields } = body;
  const changes = defined(fields);
  const merged = { ...s, ...changes, area: area === undefined ? s.areaCode : area };
  checkStrategy(merged);
  const areaId = merged.area ? await countryId(db, merged.area, 'area') : null;
  await db.transaction().execute(async (trx) => {
    await repo.updateStrategy(trx, s.id, { ...changes, areaId });
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'strategy.update',
      entity: 'strategy',
      entityId: s.code,
      before: s,
      after: body,
      ip: actor.ip,
    });
  });
  return getStrategy(db, s.code, actor.user.role, lang);
}

export async function deleteStrategy(db: Db, actor: Actor, code: string): Promise<void> {
  const s = await repo.findStrategyByCode(db, code);
  if (!s) throw errors.notFound('strategy', code);
  await db.transaction().execute(async (trx) => {
    const nodes = await repo.loadTree(trx, s.id);
    await repo.deleteStrategy(trx, s.id);
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'strategy.delete',
      entity: 'strategy',
      entityId: s.code,
      before: { ...s, nodes: nodes.map((n) => n.code) },
      ip: actor.ip,
    });
  });
}

// ---------------------------------------------------------------- nodes: writes

/** Kinds a parent may have for each kind of item (none: top level). */
export const PARENT_KINDS: Record<StrategyNodeKind, StrategyNodeKind[] | null> = {
  policy_area: null,
  cross_cutting_theme: null,
  priority: ['policy_area', 'cross_cutting_theme'],
  action: ['priority'],
};

/** The parent node for an item of `kind` (located 400 when its kind does not fit). */
async function parentFor(
  db: ReadonlyDb,
  strategyId: number,
  kind: StrategyNodeKind,
  parentCode: string | null,
  lang: Language,
) {
  const allowed = PARENT_KINDS[kind];
  const t = translator(lang);
  const kindText = (k: string) => t(`strategies:kind.${k}`);
  const parent = parentCode === null ? null : await repo.findNodeByCode(db, strategyId, parentCode);
  if (parentCode !== null && !parent) throw errors.unknownCodes('parent', [parentCode]);
  const fits = allowed === null ? parent === null : parent !== null && allowed.includes(parent!.kind);
  if (!fits)
    throw errors.invalidBody([
      {
        param: 'parent',
        code: 'node_parent_kind',
        params: {
          kind: kindText(kind),
          allowed: allowed === null ? t('strategies:topLevel') : allowed.map(kindText).join(', '),
          parent: parent ? `${parent.code} (${kindText(parent.kind)})` : t('strategies:topLevel'),
        },
      },
    ]);
  return parent;
}

function checkNodeTexts(n: {
  titleEn: string | null;
  titleRu: string | null;
  startDate: string | null;
  endDate: string | null;
}) {
  const details: ErrorDetail[] = [];
  if (n.titleEn === null && n.titleRu === null)
    details.push({ param: 'titleEn', code: 'bilingual_required' });
  if (n.startDate && n.endDate && n.endDate < n.startDate)
    details.push({ param: 'endDate', code: 'date_order', params: { start: n.startDate, end: n.endDate } });
  if (details.length) throw errors.invalidBody(details);
}

/** Places `id` at `position` among the siblings under `parentId` and renumbers them. */
async function place(
  trx: Db,
  strategyId: number,
  parentId: number | null,
  id: number,
  position: number | undefined,
) {
  const ids = (await repo.siblingIds(trx, strategyId, parentId)).filter((x) => x !== id);
  ids.splice(Math.min(position ?? ids.length, ids.length), 0, id);
  await repo.setPositions(trx, ids);
}

export async function createNode(
  db: Db,
  actor: Actor,
  strategyCode: string,
  body: CreateNodeBody,
  lang: Language,
) {
  const s = await repo.findStrategyByCode(db, strategyCode);
  if (!s) throw errors.notFound('strategy', strategyCode);
  checkNodeTexts(body);
  const parent = await parentFor(db, s.id, body.kind, body.parent ?? null, lang);
  const { parent: _p, position, ...fields } = body;
  let id: number;
  try {
    id = await db.transaction().execute(async (trx) => {
      const created = await repo.insertNode(trx, {
        ...fields,
        strategyId: s.id,
        parentId: parent?.id ?? null,
        position: 1_000_000,
      });
      await place(trx, s.id, parent?.id ?? null, created, position);
      await writeAudit(trx, {
        actorId: actor.user.id,
        action: 'strategy.node.create',
        entity: 'strategy_node',
        entityId: created,
        after: { strategy: s.code, ...body },
        ip: actor.ip,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw errors.conflict('node_code_exists', { code: body.code, strategy: s.code });
    throw error;
  }
  return nodeView(db, s.id, id, actor.user.role, lang);
}

export async function patchNode(db: Db, actor: Actor, id: number, body: PatchNodeBody, lang: Language) {
  const node = await repo.findNode(db, id);
  if (!node) throw errors.notFound('strategy_node', String(id));
  const { parent: parentCode, position, ...fields } = body;
  const changes = defined(fields);
  checkNodeTexts({ ...node, ...changes });
  let parentId = node.parentId;
  if (parentCode !== undefined) {
    const parent = await parentFor(db, node.strategyId, node.kind, parentCode, lang);
    parentId = parent?.id ?? null;
  }
  try {
    await db.transaction().execute(async (trx) => {
      await repo.updateNode(trx, id, { ...changes, parentId });
      if (parentId !== node.parentId || position !== undefined) {
        await place(trx, node.strategyId, parentId, id, position);
        if (parentId !== node.parentId)
          await repo.setPositions(trx, await repo.siblingIds(trx, node.strategyId, node.parentId));
      }
      await writeAudit(trx, {
        actorId: actor.user.id,
        action: 'strategy.node.update',
        entity: 'strategy_node',
        entityId: id,
        before: node,
        after: body,
        ip: actor.ip,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const s = (await repo.findStrategyById(db, node.strategyId))!;
      throw errors.conflict('node_code_exists', { code: body.code ?? node.code, strategy: s.code });
    }
    throw error;
  }
  return nodeView(db, node.strategyId, id, actor.user.role, lang);
}

/** Deletes an item and everything under it (with their updates, links, alignments); audited. */
export async function deleteNode(db: Db, actor: Actor, id: number): Promise<void> {
  const node = await repo.findNode(db, id);
  if (!node) throw errors.notFound('strategy_node', String(id));
  await db.transaction().execute(async (trx) => {
    const codes = await repo.subtreeCodes(trx, id);
    await repo.deleteNode(trx, id);
    await repo.setPositions(trx, await repo.siblingIds(trx, node.strategyId, node.parentId));
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'strategy.node.delete',
      entity: 'strategy_node',
      entityId: id,
      before: { ...node, deleted: codes },
      ip: actor.ip,
    });
  });
}

// ---------------------------------------------------------------- indicator links, progress

export async function addIndicatorLink(
  db: Db,
  actor: Actor,
  nodeId: number,
  body: IndicatorLinkBody,
  lang: Language,
) {
  const node = await repo.findNode(db, nodeId);
  if (!node) throw errors.notFound('strategy_node', String(nodeId));
  const indicator = await repo.findIndicator(db, body.indicator);
  if (!indicator) throw errors.unknownCodes('indicator', [body.indicator]);
  const areaId = body.area ? (await resolveAreas(db, [body.area], 'area'))[0]!.id : null;
  const substanceId = body.substance
    ? (await resolveSubstances(db, [body.substance], 'substance'))[0]!.id
    : null;
  if (body.baselineYear != null && body.targetYear != null && body.targetYear < body.baselineYear)
    throw errors.invalidBody([
      {
        param: 'targetYear',
        code: 'target_before_baseline',
        params: { target: body.targetYear, baseline: body.baselineYear },
      },
    ]);
  const id = await db.transaction().execute(async (trx) => {
    const created = await repo.insertLink(trx, {
      nodeId,
      indicatorId: indicator.id,
      areaId,
      substanceId,
      baselineValue: body.baselineValue ?? null,
      baselineYear: body.baselineYear ?? null,
      targetValue: body.targetValue ?? null,
      targetYear: body.targetYear ?? null,
      noteEn: body.noteEn,
      noteRu: body.noteRu,
    });
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'strategy.indicator.create',
      entity: 'strategy_node_indicator',
      entityId: created,
      after: { nodeId, ...body },
      ip: actor.ip,
    });
    return created;
  });
  const [row] = await repo.loadLinks(db, { linkId: id });
  const latest = await latestValues(db, [row!], actor.user.role, lang);
  return linkDto(row!, lang, latest.get(id) ?? null);
}

export async function deleteIndicatorLink(db: Db, actor: Actor, nodeId: number, linkId: number) {
  const link = await repo.findLink(db, linkId);
  if (!link || link.nodeId !== nodeId) throw errors.notFound('strategy_node_indicator', String(linkId));
  await db.transaction().execute(async (trx) => {
    await repo.deleteLink(trx, linkId);
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'strategy.indicator.delete',
      entity: 'strategy_node_indicator',
      entityId: linkId,
      before: link,
      ip: actor.ip,
    });
  });
}

export async function addProgress(db: Db, actor: Actor, nodeId: number, body: ProgressBody, lang: Language) {
  const node = await repo.findNode(db, nodeId);
  if (!node) throw errors.notFound('strategy_node', String(nodeId));
  const documentIds = [...new Set(body.evidenceDocumentIds)];
  const observationIds = [...new Set(body.evidenceObservationIds)];
  const [documents, observations] = await Promise.all([
    repo.existingDocumentIds(db, documentIds),
    repo.existingObservationIds(db, observationIds),
  ]);
  const details: ErrorDetail[] = [];
  const missingDocs = documentIds.filter((i) => !documents.has(i));
  const missingObs = observationIds.filter((i) => !observations.has(i));
  if (missingDocs.length)
    details.push({
      param: 'evidenceDocumentIds',
      code: 'unknown_ids',
      params: { ids: missingDocs.join(', '), count: missingDocs.length },
    });
  if (missingObs.length)
    details.push({
      param: 'evidenceObservationIds',
      code: 'unknown_ids',
      params: { ids: missingObs.join(', '), count: missingObs.length },
    });
  if (details.length) throw errors.invalidBody(details);
  const id = await db.transaction().execute(async (trx) => {
    const created = await repo.insertProgress(trx, {
      nodeId,
      reportedOn: body.reportedOn,
      status: body.status,
      percent: body.percent ?? null,
      narrativeEn: body.narrativeEn,
      narrativeRu: body.narrativeRu,
      evidenceDocumentIds: documentIds,
      evidenceObservationIds: observationIds,
      createdBy: actor.user.id,
    });
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'strategy.progress.create',
      entity: 'progress_update',
      entityId: created,
      after: { nodeId, ...body },
      ip: actor.ip,
    });
    return created;
  });
  const p = (await repo.progressOf(db, nodeId)).find((x) => x.id === id)!;
  return progressDto(p, lang);
}

// ---------------------------------------------------------------- alignments

export async function createAlignment(db: Db, actor: Actor, body: AlignmentBody, lang: Language) {
  const [eu, national] = await Promise.all([
    repo.findNode(db, body.euNodeId),
    repo.findNode(db, body.nationalNodeId),
  ]);
  const unknown: ErrorDetail[] = [];
  if (!eu)
    unknown.push({
      param: 'euNodeId',
      code: 'unknown_ids',
      params: { ids: String(body.euNodeId), count: 1 },
    });
  if (!national)
    unknown.push({
      param: 'nationalNodeId',
      code: 'unknown_ids',
      params: { ids: String(body.nationalNodeId), count: 1 },
    });
  if (!eu || !national) throw errors.invalidBody(unknown);
  if (eu.strategyId === national.strategyId)
    throw errors.invalidBody([{ param: 'nationalNodeId', code: 'alignment_same_strategy' }]);
  const [euStrategy, nationalStrategy] = await Promise.all([
    repo.findStrategyById(db, eu.strategyId),
    repo.findStrategyById(db, national.strategyId),
  ]);
  if (euStrategy!.scope !== 'eu')
    throw errors.invalidBody([
      { param: 'euNodeId', code: 'alignment_not_eu', params: { strategy: euStrategy!.code } },
    ]);
  if (nationalStrategy!.scope === 'eu')
    throw errors.invalidBody([
      {
        param: 'nationalNodeId',
        code: 'alignment_not_national',
        params: { strategy: nationalStrategy!.code },
      },
    ]);
  let id: number;
  try {
    id = await db.transaction().execute(async (trx) => {
      const created = await repo.insertAlignment(trx, {
        euNodeId: eu.id,
        nationalNodeId: national.id,
        relation: body.relation,
        noteEn: body.noteEn,
        noteRu: body.noteRu,
        createdBy: actor.user.id,
      });
      await writeAudit(trx, {
        actorId: actor.user.id,
        action: 'strategy.alignment.create',
        entity: 'strategy_alignment',
        entityId: created,
        after: {
          ...body,
          eu: `${euStrategy!.code}/${eu.code}`,
          national: `${nationalStrategy!.code}/${national.code}`,
        },
        ip: actor.ip,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw errors.conflict('alignment_exists', {
        eu: eu.code,
        national: `${nationalStrategy!.code}/${national.code}`,
      });
    throw error;
  }
  return {
    id,
    relation: body.relation,
    noteEn: body.noteEn,
    noteRu: body.noteRu,
    eu: {
      strategyCode: euStrategy!.code,
      nodeId: eu.id,
      nodeCode: eu.code,
      ...textFields('title', lang, eu.titleEn, eu.titleRu),
    },
    national: {
      strategyCode: nationalStrategy!.code,
      nodeId: national.id,
      nodeCode: national.code,
      ...textFields('title', lang, national.titleEn, national.titleRu),
    },
  };
}

export async function deleteAlignment(db: Db, actor: Actor, id: number): Promise<void> {
  const a = await repo.findAlignment(db, id);
  if (!a) throw errors.notFound('strategy_alignment', String(id));
  await db.transaction().execute(async (trx) => {
    await repo.deleteAlignment(trx, id);
    await writeAudit(trx, {
      actorId: actor.user.id,
      action: 'strategy.alignment.delete',
      entity: 'strategy_alignment',
      entityId: id,
      before: a,
      ip: actor.ip,
    });
  });
}
