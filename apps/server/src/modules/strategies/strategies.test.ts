import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestApp } from '../../../test/app.ts';
import { strategyProgress } from './index.ts';

/**
 * Strategies end to end: CRUD and validation (period, scope/area, parent kinds, duplicate codes,
 * indicators, evidence), the progress roll-up on a hand-made tree with known answers, moves and
 * reorders, cascading deletes, alignment, visibility and the audit trail.
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

const count = async (
  table: 'strategy' | 'strategyNode' | 'progressUpdate' | 'strategyAlignment' | 'strategyNodeIndicator',
) =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const audits = async (action: string) =>
  t.database.db.selectFrom('auditEvent').selectAll().where('action', '=', action).execute();

const strategy = (code: string, extra: Json = {}) => ({
  code,
  scope: 'eu',
  titleEn: `Strategy ${code}`,
  titleRu: `Стратегия ${code}`,
  periodStart: 2021,
  periodEnd: 2025,
  ...extra,
});

async function node(strategyCode: string, body: Json) {
  const res = await call('POST', `/api/v1/strategies/${strategyCode}/nodes`, {
    titleEn: `Item ${body.code}`,
    titleRu: `Элемент ${body.code}`,
    ...body,
  });
  expect(res.status, res.raw).toBe(201);
  return res.body.id as number;
}

async function progress(nodeId: number, body: Json) {
  const res = await call('POST', `/api/v1/strategy-nodes/${nodeId}/progress`, body);
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

function findNode(nodes: Json[], code: string): Json | undefined {
  for (const n of nodes) {
    if (n.code === code) return n;
    const found = findNode(n.children, code);
    if (found) return found;
  }
  return undefined;
}

describe('strategies: CRUD and validation', () => {
  it('creates a strategy (editor only), audited', async () => {
    expect((await call('POST', '/api/v1/strategies', strategy('S-CRUD'), viewer)).status).toBe(403);
    expect((await call('POST', '/api/v1/strategies', strategy('S-CRUD'), null)).status).toBe(401);
    const res = await call('POST', '/api/v1/strategies', strategy('S-CRUD'));
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({ code: 'S-CRUD', scope: 'eu', title: 'Strategy S-CRUD', nodes: [] });
    expect(res.body.rollup).toMatchObject({
      percent: null,
      status: null,
      coverage: { reported: 0, total: 0 },
    });
    expect((await audits('strategy.create')).map((a) => a.entityId)).toContain('S-CRUD');
    const dup = await call('POST', '/api/v1/strategies', strategy('S-CRUD'));
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('S-CRUD');
    expect((await call('POST', '/api/v1/strategies', strategy('s-crud'))).status).toBe(409);
  });

  it('rejects bad strategies with located bilingual messages and writes nothing', async () => {
    const before = await count('strategy');
    const period = await call(
      'POST',
      '/api/v1/strategies',
      strategy('S-BAD', { periodStart: 2025, periodEnd: 2021 }),
    );
    expect(period.status).toBe(400);
    expect(period.body.error.details[0]).toMatchObject({ param: 'periodEnd', code: 'period_order' });
    expect(period.body.error.details[0].message).toContain('2021');
    const ru = await call(
      'POST',
      '/api/v1/strategies?lang=ru',
      strategy('S-BAD', { periodStart: 2025, periodEnd: 2021 }),
    );
    expect(ru.body.error.details[0].message).toMatch(/Период/);
    const national = await call('POST', '/api/v1/strategies', strategy('S-BAD', { scope: 'national' }));
    expect(national.body.error.details[0]).toMatchObject({ param: 'area', code: 'strategy_area_required' });
    const euWithArea = await call('POST', '/api/v1/strategies', strategy('S-BAD', { area: 'KAZ' }));
    expect(euWithArea.body.error.details[0]).toMatchObject({
      param: 'area',
      code: 'strategy_area_not_allowed',
    });
    const unknownArea = await call(
      'POST',
      '/api/v1/strategies',
      strategy('S-BAD', { scope: 'national', area: 'XXX' }),
    );
    expect(unknownArea.status).toBe(400);
    expect(unknownArea.body.error.details[0]).toMatchObject({ param: 'area', unknown: ['XXX'] });
    const group = await call(
      'POST',
      '/api/v1/strategies',
      strategy('S-BAD', { scope: 'national', area: 'CA5' }),
    );
    expect(group.body.error.details[0]).toMatchObject({ param: 'area', code: 'not_a_country' });
    const noTitle = await call(
      'POST',
      '/api/v1/strategies',
      strategy('S-BAD', { titleEn: '', titleRu: null }),
    );
    expect(noTitle.body.error.details[0]).toMatchObject({ param: 'titleEn', code: 'bilingual_required' });
    const badScope = await call('POST', '/api/v1/strategies', strategy('S-BAD', { scope: 'global' }));
    expect(badScope.status).toBe(400);
    expect(badScope.body.error.details[0].param).toBe('scope');
    expect(await count('strategy')).toBe(before);
  });

  it('patches and deletes a strategy', async () => {
    const res = await call('PATCH', '/api/v1/strategies/S-CRUD', { titleRu: null, periodEnd: 2030 });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ periodEnd: 2030, titleRu: null });
    const ru = await call('GET', '/api/v1/strategies/S-CRUD?lang=ru');
    expect(ru.body).toMatchObject({ title: 'Strategy S-CRUD', titleFallback: true });
    const bad = await call('PATCH', '/api/v1/strategies/S-CRUD', { periodStart: 2031 });
    expect(bad.body.error.details[0]).toMatchObject({ param: 'periodEnd', code: 'period_order' });
    expect((await call('DELETE', '/api/v1/strategies/S-CRUD')).status).toBe(204);
    expect((await call('GET', '/api/v1/strategies/S-CRUD')).status).toBe(404);
    expect((await audits('strategy.delete')).map((a) => a.entityId)).toContain('S-CRUD');
  });
});

describe('strategies: tree, roll-up, indicators', () => {
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    expect((await call('POST', '/api/v1/strategies', strategy('S-TREE'))).status).toBe(201);
    ids.A = await node('S-TREE', { kind: 'policy_area', code: 'A' });
    ids.T = await node('S-TREE', { kind: 'cross_cutting_theme', code: 'T' });
    ids.P1 = await node('S-TREE', { kind: 'priority', code: 'P1', parent: 'A' });
    ids.P2 = await node('S-TREE', { kind: 'priority', code: 'P2', parent: 'A' });
    ids.P3 = await node('S-TREE', { kind: 'priority', code: 'P3', parent: 'T' });
    ids.A1 = await node('S-TREE', { kind: 'action', code: 'A1', parent: 'P1' });
    ids.A2 = await node('S-TREE', { kind: 'action', code: 'A2', parent: 'P1' });
    ids.A3 = await node('S-TREE', { kind: 'action', code: 'A3', parent: 'P1' });
    ids.A4 = await node('S-TREE', { kind: 'action', code: 'A4', parent: 'P2' });
    // A1: the later report counts (40), whatever the order of entry
    await progress(ids.A1, { reportedOn: '2024-06-01', status: 'on_track', percent: 40 });
    await progress(ids.A1, { reportedOn: '2024-01-01', status: 'on_track', percent: 20 });
    await progress(ids.A2, {
      reportedOn: '2024-03-01',
      status: 'delayed',
      percent: 10,
      narrativeEn: 'Late',
    });
    // A4: same day twice: the later entry (higher id) counts
    await progress(ids.A4, { reportedOn: '2024-05-01', status: 'on_track', percent: 60 });
    await progress(ids.A4, { reportedOn: '2024-05-01', status: 'at_risk', percent: 70 });
    // A3 and P3: no reports
  });

  it('rejects wrong parent kinds, unknown parents and duplicate codes', async () => {
    const before = await count('strategyNode');
    const cases: [Json, string][] = [
      [{ kind: 'priority', code: 'X' }, 'node_parent_kind'],
      [{ kind: 'action', code: 'X', parent: 'A' }, 'node_parent_kind'],
      [{ kind: 'policy_area', code: 'X', parent: 'P1' }, 'node_parent_kind'],
      [{ kind: 'priority', code: 'X', parent: 'P1' }, 'node_parent_kind'],
      [{ kind: 'action', code: 'X', parent: 'NOPE' }, 'unknown_codes'],
    ];
    for (const [body, code] of cases) {
      const res = await call('POST', '/api/v1/strategies/S-TREE/nodes', { titleEn: 'x', ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details[0]).toMatchObject({ param: 'parent', code });
    }
    const msg = await call('POST', '/api/v1/strategies/S-TREE/nodes', {
      titleEn: 'x',
      kind: 'action',
      code: 'X',
      parent: 'A',
    });
    expect(msg.body.error.details[0].message).toBe(
      'An item of kind “action” goes under: strategic priority — not under A (policy area).',
    );
    const dup = await call('POST', '/api/v1/strategies/S-TREE/nodes', {
      titleEn: 'x',
      kind: 'action',
      code: 'A1',
      parent: 'P2',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'node_code_exists' });
    expect(dup.body.error.message).toBe('Strategy S-TREE already has an item with the code “A1”.');
    const dates = await call('POST', '/api/v1/strategies/S-TREE/nodes', {
      titleEn: 'x',
      kind: 'action',
      code: 'X',
      parent: 'P1',
      startDate: '2024-05-01',
      endDate: '2024-01-01',
    });
    expect(dates.body.error.details[0]).toMatchObject({ param: 'endDate', code: 'date_order' });
    const badDate = await call('POST', '/api/v1/strategies/S-TREE/nodes', {
      titleEn: 'x',
      kind: 'action',
      code: 'X',
      parent: 'P1',
      startDate: '2024-02-30',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.details[0].param).toBe('startDate');
    expect(await count('strategyNode')).toBe(before);
  });

  it('rolls progress up the tree with known answers', async () => {
    const res = await call('GET', '/api/v1/strategies/S-TREE', undefined, null);
    expect(res.status, res.raw).toBe(200);
    const tree = res.body.nodes as Json[];
    expect(tree.map((n) => n.code)).toEqual(['A', 'T']);
    const a1 = findNode(tree, 'A1')!;
    expect(a1.latest).toMatchObject({
      reportedOn: '2024-06-01',
      percent: 40,
      status: 'on_track',
      statusText: 'On track',
    });
    expect(a1.rollup).toMatchObject({ percent: 40, status: 'on_track', coverage: { reported: 1, total: 1 } });
    expect(findNode(tree, 'A3')!.rollup).toMatchObject({
      percent: null,
      status: null,
      coverage: { reported: 0, total: 1 },
    });
    expect(findNode(tree, 'A4')!.latest).toMatchObject({ percent: 70, status: 'at_risk' });
    expect(findNode(tree, 'P1')!.rollup).toEqual({
      percent: 25,
      status: 'delayed',
      statusText: 'Delayed',
      coverage: { reported: 2, total: 3 },
      notReported: ['A3'],
    });
    expect(findNode(tree, 'P2')!.rollup).toMatchObject({
      percent: 70,
      status: 'at_risk',
      coverage: { reported: 1, total: 1 },
    });
    expect(findNode(tree, 'P3')!.rollup).toMatchObject({
      percent: null,
      status: null,
      coverage: { reported: 0, total: 1 },
    });
    expect(findNode(tree, 'A')!.rollup).toMatchObject({
      percent: 47.5,
      status: 'at_risk',
      coverage: { reported: 2, total: 2 },
      notReported: [],
    });
    expect(findNode(tree, 'T')!.rollup).toMatchObject({
      percent: null,
      status: null,
      coverage: { reported: 0, total: 1 },
      notReported: ['P3'],
    });
    expect(res.body.rollup).toMatchObject({
      percent: 47.5,
      status: 'at_risk',
      coverage: { reported: 1, total: 2 },
      notReported: ['T'],
    });
    const ru = await call('GET', '/api/v1/strategies/S-TREE?lang=ru', undefined, null);
    expect(findNode(ru.body.nodes, 'P1')!.rollup.statusText).toBe('С задержкой');
    expect(findNode(ru.body.nodes, 'A2')!.latest).toMatchObject({
      narrative: 'Late',
      narrativeFallback: true,
    });
    // the export for the briefing packs gives the same roll-ups
    const exported = (await strategyProgress(t.database.db, 'S-TREE', 'en'))!;
    expect(exported.rollup.percent).toBe(47.5);
    expect(findNode(exported.nodes as Json[], 'P1')!.rollup.notReported).toEqual(['A3']);
    expect(await strategyProgress(t.database.db, 'NO-SUCH', 'en')).toBeNull();
  });

  it('lists the updates of an item, latest first', async () => {
    const res = await call('GET', `/api/v1/strategy-nodes/${ids.A1}/progress`, undefined, null);
    expect(res.body.items.map((p: Json) => p.reportedOn)).toEqual(['2024-06-01', '2024-01-01']);
  });

  it('validates progress: percent range, evidence ids that must exist; nothing written', async () => {
    const before = await count('progressUpdate');
    const pct = await call('POST', `/api/v1/strategy-nodes/${ids.A3}/progress`, {
      reportedOn: '2024-01-01',
      status: 'on_track',
      percent: 101,
    });
    expect(pct.status).toBe(400);
    expect(pct.body.error.details[0]).toMatchObject({ param: 'percent' });
    const status = await call('POST', `/api/v1/strategy-nodes/${ids.A3}/progress`, {
      reportedOn: '2024-01-01',
      status: 'fine',
    });
    expect(status.body.error.details[0]).toMatchObject({ param: 'status' });
    const evidence = await call('POST', `/api/v1/strategy-nodes/${ids.A3}/progress`, {
      reportedOn: '2024-01-01',
      status: 'on_track',
      evidenceDocumentIds: [987654],
      evidenceObservationIds: [876543, 765432],
    });
    expect(evidence.status).toBe(400);
    expect(evidence.body.error.details).toMatchObject([
      { param: 'evidenceDocumentIds', code: 'unknown_ids', message: 'There is no record with id 987654.' },
      {
        param: 'evidenceObservationIds',
        code: 'unknown_ids',
        message: 'There are no records with ids 876543, 765432.',
      },
    ]);
    const ru = await call('POST', `/api/v1/strategy-nodes/${ids.A3}/progress?lang=ru`, {
      reportedOn: '2024-01-01',
      status: 'on_track',
      evidenceObservationIds: [876543, 765432],
    });
    expect(ru.body.error.details[0].message).toBe('Нет записей с идентификаторами 876543, 765432.');
    expect(
      (
        await call('POST', `/api/v1/strategy-nodes/999999/progress`, {
          reportedOn: '2024-01-01',
          status: 'on_track',
        })
      ).status,
    ).toBe(404);
    expect(await count('progressUpdate')).toBe(before);
    expect((await audits('strategy.progress.create')).length).toBe(5);
  });

  it('links indicators with the latest preferred value the caller may read', async () => {
    const db = t.database.db;
    const indicator = await db
      .selectFrom('indicator')
      .select('id')
      .where('code', '=', 'SZR_QTY')
      .executeTakeFirstOrThrow();
    const kaz = await db.selectFrom('area').select('id').where('code', '=', 'KAZ').executeTakeFirstOrThrow();
    const heroin = await db
      .selectFrom('substance')
      .select('id')
      .where('code', '=', 'heroin')
      .executeTakeFirstOrThrow();
    const src = async (code: string, priority: number) =>
      (
        await db
          .insertInto('source')
          .values({ code, publisher: 'Test', titleEn: code, priority })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const good = await src('STRAT_GOOD', 10);
    const weak = await src('STRAT_WEAK', 200);
    const obs = (
      sourceId: number,
      year: number,
      value: number,
      confidentiality: 'public' | 'dialogue' | 'restricted',
    ) => ({
      indicatorId: indicator.id,
      areaId: kaz.id,
      substanceId: heroin.id,
      period: String(year),
      year,
      dims: '{}',
      dimKey: '',
      sourceId,
      value,
      lower: null,
      upper: null,
      unit: 'KG',
      status: 'A',
      confidentiality,
      footnotes: '[]',
      changeReason: null,
      updatedBy: null,
      importBatchId: null,
    });
    const inserted = await db
      .insertInto('observation')
      .values([
        obs(good, 2021, 100, 'public'),
        obs(weak, 2022, 999, 'public'),
        obs(good, 2022, 120, 'public'),
        obs(good, 2023, 130, 'dialogue'),
        obs(good, 2024, 140, 'restricted'),
      ])
      .returning('id')
      .execute();

    const before = await count('strategyNodeIndicator');
    const unknown = await call('POST', `/api/v1/strategy-nodes/${ids.P1}/indicators`, { indicator: 'NOPE' });
    expect(unknown.body.error.details[0]).toMatchObject({ param: 'indicator', unknown: ['NOPE'] });
    const area = await call('POST', `/api/v1/strategy-nodes/${ids.P1}/indicators`, {
      indicator: 'SZR_QTY',
      area: 'ZZZ',
    });
    expect(area.body.error.details[0]).toMatchObject({ param: 'area', unknown: ['ZZZ'] });
    const substance = await call('POST', `/api/v1/strategy-nodes/${ids.P1}/indicators`, {
      indicator: 'SZR_QTY',
      substance: 'unobtainium',
    });
    expect(substance.body.error.details[0]).toMatchObject({ param: 'substance', unknown: ['unobtainium'] });
    const years = await call('POST', `/api/v1/strategy-nodes/${ids.P1}/indicators`, {
      indicator: 'SZR_QTY',
      area: 'KAZ',
      baselineYear: 2024,
      targetYear: 2022,
    });
    expect(years.status).toBe(400);
    expect(years.body.error.details[0]).toMatchObject({
      param: 'targetYear',
      code: 'target_before_baseline',
    });
    expect(years.body.error.details[0].message).toBe(
      'The target year 2022 is before the baseline year 2024.',
    );
    expect(await count('strategyNodeIndicator')).toBe(before);

    const res = await call('POST', `/api/v1/strategy-nodes/${ids.P1}/indicators`, {
      indicator: 'SZR_QTY',
      area: 'KAZ',
      substance: 'heroin',
      baselineValue: 100,
      baselineYear: 2021,
      targetValue: 200,
      targetYear: 2025,
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({
      indicator: { code: 'SZR_QTY' },
      area: { code: 'KAZ' },
      substance: { code: 'heroin' },
    });
    // the editor sees the restricted 2024 value
    expect(res.body.latest).toMatchObject({ value: 140, year: 2024, sourceCode: 'STRAT_GOOD' });

    const publicTree = await call('GET', '/api/v1/strategies/S-TREE', undefined, null);
    expect(findNode(publicTree.body.nodes, 'P1')!.indicators[0].latest).toMatchObject({
      value: 120,
      year: 2022,
      sourceCode: 'STRAT_GOOD',
    });
    const viewerTree = await call('GET', '/api/v1/strategies/S-TREE', undefined, viewer);
    expect(findNode(viewerTree.body.nodes, 'P1')!.indicators[0].latest).toMatchObject({
      value: 130,
      year: 2023,
    });
    // the briefing packs never read restricted observations
    const exported = (await strategyProgress(t.database.db, 'S-TREE', 'en'))!;
    expect(findNode(exported.nodes as Json[], 'P1')!.indicators[0].latest).toMatchObject({
      value: 130,
      year: 2023,
    });

    // evidence that exists is accepted
    const ok = await progress(ids.A3!, {
      reportedOn: '2024-07-01',
      status: 'not_started',
      percent: 0,
      evidenceObservationIds: [Number(inserted[0]!.id)],
    });
    expect(ok.evidenceObservationIds).toEqual([Number(inserted[0]!.id)]);
    const after = await call('GET', '/api/v1/strategies/S-TREE');
    // P1: A1 40, A2 10, A3 0 → 16.7; worst delayed
    expect(findNode(after.body.nodes, 'P1')!.rollup).toMatchObject({
      percent: 16.7,
      status: 'delayed',
      coverage: { reported: 3, total: 3 },
    });

    // A breakdown without a total (UNODC's `item`) is read as the analytics series reads it: summed.
    const kgz = await db.selectFrom('area').select('id').where('code', '=', 'KGZ').executeTakeFirstOrThrow();
    const items = await db
      .insertInto('observation')
      .values(
        [
          ['Heroin', 30],
          ['Heroin base', 12.5],
        ].map(([item, value]) => ({
          ...obs(good, 2023, value as number, 'public'),
          areaId: kgz.id,
          dims: JSON.stringify({ item }),
          dimKey: `item=${String(item)}`,
        })),
      )
      .returning('id')
      .execute();
    const split = await call('POST', `/api/v1/strategy-nodes/${ids.P1}/indicators`, {
      indicator: 'SZR_QTY',
      area: 'KGZ',
      substance: 'heroin',
    });
    expect(split.status, split.raw).toBe(201);
    expect(split.body.latest).toMatchObject({
      value: 42.5,
      year: 2023,
      unit: 'KG',
      sourceCode: 'STRAT_GOOD',
    });
    expect([...split.body.latest.observationIds].sort()).toEqual(items.map((r) => Number(r.id)).sort());
    expect(
      (await call('DELETE', `/api/v1/strategy-nodes/${ids.P1}/indicators/${split.body.id}`)).status,
    ).toBe(204);

    const del = await call('DELETE', `/api/v1/strategy-nodes/${ids.P1}/indicators/${res.body.id}`);
    expect(del.status).toBe(204);
    expect(await count('strategyNodeIndicator')).toBe(before);
  });

  it('moves and reorders items, refusing moves under the wrong kind', async () => {
    const moved = await call('PATCH', `/api/v1/strategy-nodes/${ids.A3}`, { parent: 'P2', position: 0 });
    expect(moved.status, moved.raw).toBe(200);
    let tree = (await call('GET', '/api/v1/strategies/S-TREE')).body.nodes;
    expect(findNode(tree, 'P2')!.children.map((c: Json) => [c.code, c.position])).toEqual([
      ['A3', 0],
      ['A4', 1],
    ]);
    expect(findNode(tree, 'P1')!.children.map((c: Json) => [c.code, c.position])).toEqual([
      ['A1', 0],
      ['A2', 1],
    ]);
    expect((await call('PATCH', `/api/v1/strategy-nodes/${ids.A2}`, { position: 0 })).status).toBe(200);
    tree = (await call('GET', '/api/v1/strategies/S-TREE')).body.nodes;
    expect(findNode(tree, 'P1')!.children.map((c: Json) => c.code)).toEqual(['A2', 'A1']);
    const wrong = await call('PATCH', `/api/v1/strategy-nodes/${ids.A2}`, { parent: 'A' });
    expect(wrong.body.error.details[0]).toMatchObject({ param: 'parent', code: 'node_parent_kind' });
    const top = await call('PATCH', `/api/v1/strategy-nodes/${ids.P3}`, { parent: null });
    expect(top.body.error.details[0]).toMatchObject({ param: 'parent', code: 'node_parent_kind' });
    const dup = await call('PATCH', `/api/v1/strategy-nodes/${ids.A2}`, { code: 'A1' });
    expect(dup.status).toBe(409);
    const renamed = await call('PATCH', `/api/v1/strategy-nodes/${ids.P3}`, {
      parent: 'A',
      titleRu: 'Приоритет',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      strategyCode: 'S-TREE',
      code: 'P3',
      titleRu: 'Приоритет',
      position: 2,
    });
    expect(findNode((await call('GET', '/api/v1/strategies/S-TREE')).body.nodes, 'T')!.children).toEqual([]);
  });

  it('deletes an item with its subtree, audited with the codes removed', async () => {
    const nodesBefore = await count('strategyNode');
    const res = await call('DELETE', `/api/v1/strategy-nodes/${ids.P1}`);
    expect(res.status).toBe(204);
    expect(await count('strategyNode')).toBe(nodesBefore - 3);
    const audit = (await audits('strategy.node.delete')).at(-1)!;
    expect((audit.before as Json).deleted.sort()).toEqual(['A1', 'A2', 'P1']);
    const tree = (await call('GET', '/api/v1/strategies/S-TREE')).body.nodes;
    expect(findNode(tree, 'A')!.children.map((c: Json) => [c.code, c.position])).toEqual([
      ['P2', 0],
      ['P3', 1],
    ]);
  });
});

describe('strategies: alignment and visibility', () => {
  let euNode: number;
  let euNode2: number;
  let kazNode: number;
  let otherEu: number;

  beforeAll(async () => {
    expect((await call('POST', '/api/v1/strategies', strategy('S-EU'))).status).toBe(201);
    expect((await call('POST', '/api/v1/strategies', strategy('S-EU2'))).status).toBe(201);
    const kaz = await call(
      'POST',
      '/api/v1/strategies',
      strategy('S-KAZ', { scope: 'national', area: 'KAZ', visibility: 'participants' }),
    );
    expect(kaz.status, kaz.raw).toBe(201);
    expect(kaz.body.area).toMatchObject({ code: 'KAZ' });
    euNode = await node('S-EU', { kind: 'policy_area', code: 'I' });
    euNode2 = await node('S-EU', { kind: 'policy_area', code: 'II' });
    otherEu = await node('S-EU2', { kind: 'policy_area', code: 'I' });
    kazNode = await node('S-KAZ', { kind: 'policy_area', code: 'K1' });
  });

  it('links an EU item with a national item, listed on both sides', async () => {
    const res = await call('POST', '/api/v1/strategy-alignments', {
      euNodeId: euNode,
      nationalNodeId: kazNode,
      relation: 'contributes_to',
      noteEn: 'n',
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({
      relation: 'contributes_to',
      eu: { strategyCode: 'S-EU', nodeCode: 'I' },
      national: { strategyCode: 'S-KAZ', nodeCode: 'K1' },
    });
    const eu = await call('GET', '/api/v1/strategies/S-EU', undefined, viewer);
    expect(findNode(eu.body.nodes, 'I')!.alignments).toMatchObject([
      { relation: 'contributes_to', other: { strategyCode: 'S-KAZ', nodeCode: 'K1' } },
    ]);
    const kaz = await call('GET', '/api/v1/strategies/S-KAZ', undefined, viewer);
    expect(findNode(kaz.body.nodes, 'K1')!.alignments).toMatchObject([
      { other: { strategyCode: 'S-EU', nodeCode: 'I' } },
    ]);
    // the public does not see the participants-only side
    const pub = await call('GET', '/api/v1/strategies/S-EU', undefined, null);
    expect(findNode(pub.body.nodes, 'I')!.alignments).toEqual([]);
    expect((await audits('strategy.alignment.create')).length).toBe(1);

    const dup = await call('POST', '/api/v1/strategy-alignments', {
      euNodeId: euNode,
      nationalNodeId: kazNode,
    });
    expect(dup.status).toBe(409);
  });

  it('rejects same-strategy, non-EU and EU–EU links and unknown items; nothing written', async () => {
    const before = await count('strategyAlignment');
    const same = await call('POST', '/api/v1/strategy-alignments', {
      euNodeId: euNode,
      nationalNodeId: euNode2,
    });
    expect(same.body.error.details[0]).toMatchObject({
      param: 'nationalNodeId',
      code: 'alignment_same_strategy',
    });
    const notEu = await call('POST', '/api/v1/strategy-alignments', {
      euNodeId: kazNode,
      nationalNodeId: euNode,
    });
    expect(notEu.body.error.details[0]).toMatchObject({ param: 'euNodeId', code: 'alignment_not_eu' });
    const euEu = await call('POST', '/api/v1/strategy-alignments', {
      euNodeId: euNode,
      nationalNodeId: otherEu,
    });
    expect(euEu.body.error.details[0]).toMatchObject({
      param: 'nationalNodeId',
      code: 'alignment_not_national',
    });
    const unknown = await call('POST', '/api/v1/strategy-alignments', {
      euNodeId: 999999,
      nationalNodeId: kazNode,
    });
    expect(unknown.body.error.details[0]).toMatchObject({ param: 'euNodeId', code: 'unknown_ids' });
    expect(await count('strategyAlignment')).toBe(before);
  });

  it('hides participants-only strategies from the public (404), shows them to viewers', async () => {
    expect((await call('GET', '/api/v1/strategies/S-KAZ', undefined, null)).status).toBe(404);
    expect((await call('GET', `/api/v1/strategy-nodes/${kazNode}/progress`, undefined, null)).status).toBe(
      404,
    );
    expect((await call('GET', '/api/v1/strategies/S-KAZ', undefined, viewer)).status).toBe(200);
    const pub = await call('GET', '/api/v1/strategies?pageSize=1000', undefined, null);
    expect(pub.body.items.map((s: Json) => s.code)).not.toContain('S-KAZ');
    const signed = await call('GET', '/api/v1/strategies?pageSize=1000&area=KAZ', undefined, viewer);
    expect(signed.body.items.map((s: Json) => s.code)).toEqual(['S-KAZ']);
    expect(
      (
        await call(
          'POST',
          `/api/v1/strategies/S-KAZ/nodes`,
          { kind: 'policy_area', code: 'K2', titleEn: 'x' },
          viewer,
        )
      ).status,
    ).toBe(403);
  });

  it('deletes an alignment and a whole strategy with cascade, audited', async () => {
    const id = (await t.database.db.selectFrom('strategyAlignment').select('id').executeTakeFirstOrThrow())
      .id;
    expect((await call('DELETE', `/api/v1/strategy-alignments/${id}`)).status).toBe(204);
    expect((await call('DELETE', `/api/v1/strategy-alignments/${id}`)).status).toBe(404);
    expect((await call('DELETE', '/api/v1/strategies/S-KAZ')).status).toBe(204);
    expect(
      await t.database.db
        .selectFrom('strategyNode')
        .select('id')
        .where('id', '=', kazNode)
        .executeTakeFirst(),
    ).toBeUndefined();
    const audit = (await audits('strategy.delete')).find((a) => a.entityId === 'S-KAZ')!;
    expect((audit.before as Json).nodes).toEqual(['K1']);
  });
});

describe('strategies: OpenAPI', () => {
  it('documents the routes, including the recursive tree', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode, res.body).toBe(200);
    const paths = res.json<{ paths: Record<string, unknown> }>().paths;
    for (const p of [
      '/api/v1/strategies/{code}',
      '/api/v1/strategies/{code}/nodes',
      '/api/v1/strategy-nodes/{id}/progress',
      '/api/v1/strategy-alignments',
      '/api/v1/programmes/{code}',
    ])
      expect(paths, p).toHaveProperty([p]);
  });
});
