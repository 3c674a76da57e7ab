import { sql, type Transaction } from 'kysely';
import type { Db, ReadonlyDb } from '../../platform/db/database.ts';
import type {
  AlignmentRelation,
  Database,
  ProgressStatus,
  StrategyNodeKind,
  StrategyScope,
  Visibility,
} from '../../platform/db/schema.ts';

type Q = Db | Transaction<Database>;

const day = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

// ---------------------------------------------------------------- strategies

export interface StrategyRow {
  id: number;
  code: string;
  scope: StrategyScope;
  areaId: number | null;
  areaCode: string | null;
  areaNameEn: string | null;
  areaNameRu: string | null;
  titleEn: string | null;
  titleRu: string | null;
  descriptionEn: string | null;
  descriptionRu: string | null;
  periodStart: number;
  periodEnd: number;
  adoptedByEn: string | null;
  adoptedByRu: string | null;
  sourceReference: string | null;
  visibility: Visibility;
  createdAt: Date;
  updatedAt: Date;
}

function selectStrategies(db: ReadonlyDb) {
  return db
    .selectFrom('strategy as s')
    .leftJoin('area as a', 'a.id', 's.areaId')
    .select([
      's.id',
      's.code',
      's.scope',
      's.areaId',
      'a.code as areaCode',
      'a.nameEn as areaNameEn',
      'a.nameRu as areaNameRu',
      's.titleEn',
      's.titleRu',
      's.descriptionEn',
      's.descriptionRu',
      's.periodStart',
      's.periodEnd',
      's.adoptedByEn',
      's.adoptedByRu',
      's.sourceReference',
      's.visibility',
      's.createdAt',
      's.updatedAt',
    ]);
}

export async function findStrategies(
  db: ReadonlyDb,
  filter: { visibility: Visibility[]; scope?: StrategyScope; areaIds?: number[] },
  page: { limit: number; offset: number },
): Promise<{ rows: StrategyRow[]; total: number }> {
  let q = selectStrategies(db).where('s.visibility', 'in', filter.visibility);
  if (filter.scope) q = q.where('s.scope', '=', filter.scope);
  if (filter.areaIds) q = q.where('s.areaId', 'in', filter.areaIds);
  const [rows, count] = await Promise.all([
    q.orderBy('s.code').limit(page.limit).offset(page.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findStrategyByCode(db: ReadonlyDb, code: string): Promise<StrategyRow | undefined> {
  return selectStrategies(db)
    .where(sql`lower(s.code)`, '=', code.toLowerCase())
    .executeTakeFirst();
}

export async function findStrategyById(db: ReadonlyDb, id: number): Promise<StrategyRow | undefined> {
  return selectStrategies(db).where('s.id', '=', id).executeTakeFirst();
}

export interface StrategyValues {
  code?: string;
  scope?: StrategyScope;
  areaId?: number | null;
  titleEn?: string | null;
  titleRu?: string | null;
  descriptionEn?: string | null;
  descriptionRu?: string | null;
  periodStart?: number;
  periodEnd?: number;
  adoptedByEn?: string | null;
  adoptedByRu?: string | null;
  sourceReference?: string | null;
  visibility?: Visibility;
}

export async function insertStrategy(
  trx: Q,
  values: StrategyValues & { code: string; scope: StrategyScope; periodStart: number; periodEnd: number },
  createdBy: number | null,
): Promise<number> {
  const row = await trx
    .insertInto('strategy')
    .values({ ...values, createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateStrategy(trx: Q, id: number, values: StrategyValues): Promise<void> {
  await trx
    .updateTable('strategy')
    .set({ ...values, updatedAt: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function deleteStrategy(trx: Q, id: number): Promise<void> {
  await trx.deleteFrom('strategy').where('id', '=', id).execute();
}

// ---------------------------------------------------------------- nodes

export interface NodeRow {
  id: number;
  strategyId: number;
  parentId: number | null;
  kind: StrategyNodeKind;
  code: string;
  position: number;
  titleEn: string | null;
  titleRu: string | null;
  descriptionEn: string | null;
  descriptionRu: string | null;
  responsibleEn: string | null;
  responsibleRu: string | null;
  startDate: string | null;
  endDate: string | null;
}

export interface TreeRow extends NodeRow {
  /** The latest progress update of the node (by reported_on, then id), null columns without one. */
  progressId: number | null;
  reportedOn: string | null;
  status: ProgressStatus | null;
  percent: number | null;
  narrativeEn: string | null;
  narrativeRu: string | null;
  evidenceDocumentIds: number[] | null;
  evidenceObservationIds: (number | string)[] | null;
  progressCreatedAt: Date | null;
}

/** Every node of a strategy with its latest progress update: one query. */
export async function loadTree(db: ReadonlyDb, strategyId: number): Promise<TreeRow[]> {
  const result = await sql<TreeRow>`
    select n.id, n.strategy_id, n.parent_id, n.kind, n.code, n.position, n.title_en, n.title_ru,
           n.description_en, n.description_ru, n.responsible_en, n.responsible_ru,
           to_char(n.start_date, 'YYYY-MM-DD') as start_date, to_char(n.end_date, 'YYYY-MM-DD') as end_date,
           pu.id as progress_id, to_char(pu.reported_on, 'YYYY-MM-DD') as reported_on, pu.status, pu.percent,
           pu.narrative_en, pu.narrative_ru, pu.evidence_document_ids, pu.evidence_observation_ids,
           pu.created_at as progress_created_at
    from strategy_node n
    left join (
      select distinct on (p.node_id) p.*
      from progress_update p join strategy_node pn on pn.id = p.node_id
      where pn.strategy_id = ${strategyId}
      order by p.node_id, p.reported_on desc, p.id desc
    ) pu on pu.node_id = n.id
    where n.strategy_id = ${strategyId}
    order by n.parent_id nulls first, n.position, n.id`.execute(db);
  return result.rows;
}

const nodeColumns = [
  'n.id',
  'n.strategyId',
  'n.parentId',
  'n.kind',
  'n.code',
  'n.position',
  'n.titleEn',
  'n.titleRu',
  'n.descriptionEn',
  'n.descriptionRu',
  'n.responsibleEn',
  'n.responsibleRu',
] as const;

export async function findNode(db: ReadonlyDb, id: number): Promise<NodeRow | undefined> {
  return db
    .selectFrom('strategyNode as n')
    .select(nodeColumns)
    .select([day('n.start_date').as('startDate'), day('n.end_date').as('endDate')])
    .where('n.id', '=', id)
    .executeTakeFirst();
}

export async function findNodeByCode(db: ReadonlyDb, strategyId: number, code: string) {
  return db
    .selectFrom('strategyNode as n')
    .select(nodeColumns)
    .select([day('n.start_date').as('startDate'), day('n.end_date').as('endDate')])
    .where('n.strategyId', '=', strategyId)
    .where('n.code', '=', code)
    .executeTakeFirst();
}

export interface NodeValues {
  parentId?: number | null;
  code?: string;
  position?: number;
  titleEn?: string | null;
  titleRu?: string | null;
  descriptionEn?: string | null;
  descriptionRu?: string | null;
  responsibleEn?: string | null;
  responsibleRu?: string | null;
  startDate?: string | null;
  endDate?: string | null;
}

export async function insertNode(
  trx: Q,
  values: NodeValues & { strategyId: number; kind: StrategyNodeKind; code: string },
): Promise<number> {
  const row = await trx.insertInto('strategyNode').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateNode(trx: Q, id: number, values: NodeValues): Promise<void> {
  await trx
    .updateTable('strategyNode')
    .set({ ...values, updatedAt: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Ids of the siblings under a parent (null: top level), in order. */
export async function siblingIds(trx: Q, strategyId: number, parentId: number | null): Promise<number[]> {
  const rows = await trx
    .selectFrom('strategyNode')
    .select('id')
    .where('strategyId', '=', strategyId)
    .where('parentId', parentId === null ? 'is' : '=', parentId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Numbers the given nodes 0, 1, 2… in the order given. */
export async function setPositions(trx: Q, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    update strategy_node n set position = v.position
    from unnest(${ids}::int[], ${ids.map((_, i) => i)}::int[]) as v(id, position)
    where n.id = v.id and n.position <> v.position`.execute(trx);
}

/** The node and everything under it (codes), for the audit of a cascading delete. */
export async function subtreeCodes(db: ReadonlyDb, id: number): Promise<string[]> {
  const result = await sql<{ code: string }>`
    with recursive t as (
      select id, code from strategy_node where id = ${id}
      union all
      select n.id, n.code from strategy_node n join t on n.parent_id = t.id
    ) select code from t`.execute(db);
  return result.rows.map((r) => r.code);
}

export async function deleteNode(trx: Q, id: number): Promise<void> {
  await trx.deleteFrom('strategyNode').where('id', '=', id).execute();
}

// ---------------------------------------------------------------- indicator links

export interface LinkRow {
  id: number;
  nodeId: number;
  indicatorCode: string;
  indicatorNameEn: string;
  indicatorNameRu: string;
  areaCode: string | null;
  areaNameEn: string | null;
  areaNameRu: string | null;
  substanceCode: string | null;
  substanceNameEn: string | null;
  substanceNameRu: string | null;
  baselineValue: number | null;
  baselineYear: number | null;
  targetValue: number | null;
  targetYear: number | null;
  noteEn: string | null;
  noteRu: string | null;
}

/** The indicator links of a strategy's nodes (or one link) with their names. One query. */
export async function loadLinks(
  db: ReadonlyDb,
  where: { strategyId: number } | { linkId: number },
): Promise<LinkRow[]> {
  const cond = 'strategyId' in where ? sql`n.strategy_id = ${where.strategyId}` : sql`l.id = ${where.linkId}`;
  const result = await sql<LinkRow>`
    select l.id, l.node_id, i.code as indicator_code, i.name_en as indicator_name_en,
           i.name_ru as indicator_name_ru, a.code as area_code, a.name_en as area_name_en,
           a.name_ru as area_name_ru, s.code as substance_code, s.name_en as substance_name_en,
           s.name_ru as substance_name_ru, l.baseline_value, l.baseline_year, l.target_value,
           l.target_year, l.note_en, l.note_ru
    from strategy_node_indicator l
    join strategy_node n on n.id = l.node_id
    join indicator i on i.id = l.indicator_id
    left join area a on a.id = l.area_id
    left join substance s on s.id = l.substance_id
    where ${cond}
    order by l.node_id, l.id`.execute(db);
  return result.rows;
}

export async function insertLink(
  trx: Q,
  values: {
    nodeId: number;
    indicatorId: number;
    areaId: number | null;
    substanceId: number | null;
    baselineValue: number | null;
    baselineYear: number | null;
    targetValue: number | null;
    targetYear: number | null;
    noteEn: string | null;
    noteRu: string | null;
  },
): Promise<number> {
  const row = await trx
    .insertInto('strategyNodeIndicator')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findLink(db: ReadonlyDb, id: number) {
  return db.selectFrom('strategyNodeIndicator').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteLink(trx: Q, id: number): Promise<void> {
  await trx.deleteFrom('strategyNodeIndicator').where('id', '=', id).execute();
}

export async function findIndicator(db: ReadonlyDb, code: string) {
  return db
    .selectFrom('indicator')
    .select(['id', 'code'])
    .where(sql`upper(code)`, '=', code.toUpperCase())
    .executeTakeFirst();
}

// ---------------------------------------------------------------- progress

export interface ProgressRow {
  id: number;
  nodeId: number;
  reportedOn: string;
  status: ProgressStatus;
  percent: number | null;
  narrativeEn: string | null;
  narrativeRu: string | null;
  evidenceDocumentIds: number[];
  evidenceObservationIds: (number | string)[];
  createdAt: Date;
}

export async function progressOf(db: ReadonlyDb, nodeId: number): Promise<ProgressRow[]> {
  return db
    .selectFrom('progressUpdate as p')
    .select([
      'p.id',
      'p.nodeId',
      'p.status',
      'p.percent',
      'p.narrativeEn',
      'p.narrativeRu',
      'p.evidenceDocumentIds',
      'p.evidenceObservationIds',
      'p.createdAt',
    ])
    .select(sql<string>`to_char(p.reported_on, 'YYYY-MM-DD')`.as('reportedOn'))
    .where('p.nodeId', '=', nodeId)
    .orderBy('p.reportedOn', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

export async function insertProgress(
  trx: Q,
  values: {
    nodeId: number;
    reportedOn: string;
    status: ProgressStatus;
    percent: number | null;
    narrativeEn: string | null;
    narrativeRu: string | null;
    evidenceDocumentIds: number[];
    evidenceObservationIds: number[];
    createdBy: number | null;
  },
): Promise<number> {
  const row = await trx.insertInto('progressUpdate').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function existingDocumentIds(db: ReadonlyDb, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('dialogueDocument').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function existingObservationIds(db: ReadonlyDb, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('observation')
    .select('id')
    .where('id', '=', sql<number>`any(${ids}::bigint[])`)
    .execute();
  return new Set(rows.map((r) => Number(r.id)));
}

// ---------------------------------------------------------------- alignments

export interface AlignmentRow {
  id: number;
  euNodeId: number;
  nationalNodeId: number;
  relation: AlignmentRelation;
  noteEn: string | null;
  noteRu: string | null;
  /** The node of the other side, seen from `strategyId`. */
  ownNodeId: number;
  otherNodeId: number;
  otherNodeCode: string;
  otherTitleEn: string | null;
  otherTitleRu: string | null;
  otherStrategyCode: string;
}

/** Alignments touching a strategy's nodes, with the other side (if its strategy is visible). */
export async function loadAlignments(
  db: ReadonlyDb,
  strategyId: number,
  visibility: Visibility[],
): Promise<AlignmentRow[]> {
  const result = await sql<AlignmentRow>`
    select al.id, al.eu_node_id, al.national_node_id, al.relation, al.note_en, al.note_ru,
           own.id as own_node_id, other.id as other_node_id, other.code as other_node_code,
           other.title_en as other_title_en, other.title_ru as other_title_ru, os.code as other_strategy_code
    from strategy_alignment al
    join strategy_node own on own.id in (al.eu_node_id, al.national_node_id)
    join strategy_node other on other.id in (al.eu_node_id, al.national_node_id) and other.id <> own.id
    join strategy os on os.id = other.strategy_id
    where own.strategy_id = ${strategyId} and os.visibility = any(${visibility}::text[])
    order by al.id`.execute(db);
  return result.rows;
}

export async function insertAlignment(
  trx: Q,
  values: {
    euNodeId: number;
    nationalNodeId: number;
    relation: AlignmentRelation;
    noteEn: string | null;
    noteRu: string | null;
    createdBy: number | null;
  },
): Promise<number> {
  const row = await trx
    .insertInto('strategyAlignment')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findAlignment(db: ReadonlyDb, id: number) {
  return db.selectFrom('strategyAlignment').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteAlignment(trx: Q, id: number): Promise<void> {
  await trx.deleteFrom('strategyAlignment').where('id', '=', id).execute();
}
