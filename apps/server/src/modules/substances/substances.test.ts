import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Node {
  code: string;
  level: string;
  name: string;
  nameRu: string;
  children: Node[];
}
const walk = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...walk(n.children)]);

describe('substances', () => {
  it('serves the taxonomy as a tree of groups, drugs and forms with Russian names', async () => {
    const res = await t.app.inject({ url: '/api/v1/substances?lang=ru' });
    expect(res.statusCode).toBe(200);
    const roots: Node[] = res.json().items;
    expect(roots.every((r) => r.level === 'group')).toBe(true);
    const all = walk(roots);
    expect(all.every((n) => /[А-Яа-яЁё]/.test(n.nameRu))).toBe(true);
    const heroin = all.find((n) => n.code === 'heroin');
    expect(heroin?.name).toBe('Героин');
    expect(all.find((n) => n.code === 'methamphetamine')).toBeDefined();
  });

  it('shows a substance with its path and UNODC crosswalk', async () => {
    const res = await t.app.inject({ url: '/api/v1/substances/heroin' });
    const body = res.json();
    expect(body.path.length).toBeGreaterThanOrEqual(1);
    expect(body.mappings.some((m: { scheme: string }) => m.scheme.startsWith('UNODC'))).toBe(true);
  });

  it('searches in either language', async () => {
    const ru = await t.app.inject({ url: `/api/v1/substances?q=${encodeURIComponent('метамфетамин')}` });
    expect(ru.json().items.map((n: Node) => n.code)).toContain('methamphetamine');
  });

  it('404s an unknown substance', async () => {
    const res = await t.app.inject({ url: '/api/v1/substances/unobtainium' });
    expect(res.statusCode).toBe(404);
  });
});
