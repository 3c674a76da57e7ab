import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupAggregate } from './groups.ts';
import type { Series } from './series.ts';
import { close, nonNegative, seriesOf } from './test/factories.ts';

describe('groupAggregate', () => {
  const members = new Map<string, Series>([
    ['KZ', seriesOf(2020, [10, 20, null])],
    ['KG', seriesOf(2020, [1, null, null])],
    ['TJ', [{ year: 2021, value: 5, ids: [77] }]],
  ]);

  it('sums reporting members and states the coverage', () => {
    expect(groupAggregate(members, 5, { additive: true })).toEqual([
      { kind: 'value', year: 2020, value: 11, ids: [20200], coverage: { reporting: 2, members: 5 } },
      { kind: 'value', year: 2021, value: 25, ids: [77, 20210], coverage: { reporting: 2, members: 5 } },
      { kind: 'issue', year: 2022, code: 'no_reporting_members', coverage: { reporting: 0, members: 5 } },
    ]);
  });

  it('refuses to sum a non-additive indicator', () => {
    const result = groupAggregate(members, 5, { additive: false });
    expect(result.map((r) => (r.kind === 'issue' ? r.code : r.value))).toEqual(Array(3).fill('non_additive'));
    expect(result[0]!.coverage).toEqual({ reporting: 2, members: 5 });
  });

  it('throws when the member count is below the series given', () => {
    expect(() => groupAggregate(members, 2, { additive: true })).toThrow(RangeError);
  });

  const group = fc
    .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 4 }))
    .chain(([size, years, extra]) =>
      fc.record({
        values: fc.array(
          fc.array(fc.option(nonNegative, { nil: null, freq: 4 }), { minLength: years, maxLength: years }),
          {
            minLength: size,
            maxLength: size,
          },
        ),
        memberCount: fc.constant(size + extra),
      }),
    );

  it('equals the sum of the members in fully covered years; coverage counts the non-null members', () => {
    fc.assert(
      fc.property(group, ({ values, memberCount }) => {
        const map = new Map(values.map((v, m) => [`A${m}`, seriesOf(2000, v)]));
        const result = groupAggregate(map, memberCount, { additive: true });
        return result.every((r, t) => {
          const column = values.map((v) => v[t]!);
          const present = column.filter((v): v is number => v !== null);
          if (r.coverage.reporting !== present.length || r.coverage.members !== memberCount) return false;
          if (r.coverage.reporting > r.coverage.members) return false;
          if (present.length === 0) return r.kind === 'issue' && r.code === 'no_reporting_members';
          const sum = present.reduce((a, b) => a + b, 0);
          return r.kind === 'value' && close(r.value, sum);
        });
      }),
    );
  });
});
