import type { Db } from '../../platform/db/database.ts';
import type { StrategyNodeKind } from '../../platform/db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import * as repo from './strategies.repository.ts';

/**
 * The EU Drugs Strategy 2021-2025 with only the verified items of
 * ../shared/reference/eu-drugs-strategy-2021-2025.md: its three policy areas, three cross-cutting
 * themes and strategic priorities SP1–SP5 (official English wording; the Russian texts are our
 * translations). SP6–SP11, the actions and any progress are not in the reference: none are loaded.
 * Codes of the themes are ours (the strategy does not number them).
 */
export const EU_DRUGS_STRATEGY = {
  code: 'EU-DS-2021-2025',
  scope: 'eu',
  titleEn: 'EU Drugs Strategy 2021-2025',
  titleRu: 'Стратегия ЕС в области наркотиков на 2021–2025 годы',
  periodStart: 2021,
  periodEnd: 2025,
  adoptedByEn: 'Council of the European Union',
  adoptedByRu: 'Совет Европейского союза',
  sourceReference:
    'EU Drugs Strategy 2021-2025, Council of the EU, OJ C 102 I, 24.3.2021, p. 1-14 (CELEX 52021XG0324(01))',
} as const;

interface DemoNode {
  kind: StrategyNodeKind;
  code: string;
  parent: string | null;
  titleEn: string;
  titleRu: string;
}

export const EU_DRUGS_STRATEGY_NODES: readonly DemoNode[] = [
  {
    kind: 'policy_area',
    code: 'I',
    parent: null,
    titleEn: 'Drug supply reduction: enhancing security',
    titleRu: 'Сокращение предложения наркотиков: повышение безопасности',
  },
  {
    kind: 'policy_area',
    code: 'II',
    parent: null,
    titleEn: 'Drug demand reduction: prevention, treatment and care services',
    titleRu: 'Сокращение спроса на наркотики: услуги по профилактике, лечению и уходу',
  },
  {
    kind: 'policy_area',
    code: 'III',
    parent: null,
    titleEn: 'Addressing drug-related harm',
    titleRu: 'Противодействие вреду, связанному с наркотиками',
  },
  {
    kind: 'cross_cutting_theme',
    code: 'INT-COOP',
    parent: null,
    titleEn: 'International cooperation',
    titleRu: 'Международное сотрудничество',
  },
  {
    kind: 'cross_cutting_theme',
    code: 'RESEARCH',
    parent: null,
    titleEn: 'Research, innovation and foresight',
    titleRu: 'Исследования, инновации и прогнозирование',
  },
  {
    kind: 'cross_cutting_theme',
    code: 'COORDINATION',
    parent: null,
    titleEn: 'Coordination, governance and implementation',
    titleRu: 'Координация, управление и реализация',
  },
  {
    kind: 'priority',
    code: 'SP1',
    parent: 'I',
    titleEn:
      'Disrupt and dismantle high-risk drug-related organised crime groups operating in, originating in or targeting the EU Member States; address links with other security threats and improve crime prevention.',
    titleRu:
      'Пресекать деятельность и ликвидировать связанные с наркотиками организованные преступные группы высокого риска, действующие в государствах — членах ЕС, происходящие из них или нацеленные на них; противодействовать их связям с другими угрозами безопасности и совершенствовать предупреждение преступности.',
  },
  {
    kind: 'priority',
    code: 'SP2',
    parent: 'I',
    titleEn:
      'Increase the detection of illicit wholesale trafficking of drugs and drug precursors at EU points of entry and exit.',
    titleRu:
      'Повысить выявление незаконного оптового оборота наркотиков и их прекурсоров в пунктах въезда в ЕС и выезда из него.',
  },
  {
    kind: 'priority',
    code: 'SP3',
    parent: 'I',
    titleEn:
      'Tackle the exploitation of logistical and digital channels for medium- and small-volume illicit drug distribution and increase seizures of illicit substances smuggled through these channels in close cooperation with the private sector.',
    titleRu:
      'Противодействовать использованию логистических и цифровых каналов для незаконного распространения наркотиков в средних и малых объёмах и увеличить изъятия незаконных веществ, перемещаемых контрабандой по этим каналам, в тесном сотрудничестве с частным сектором.',
  },
  {
    kind: 'priority',
    code: 'SP4',
    parent: 'I',
    titleEn:
      'Dismantle illicit drug production and counter illicit cultivation; prevent the diversion and trafficking of drug precursors for illicit drug production; and address environmental damage.',
    titleRu:
      'Ликвидировать незаконное производство наркотиков и противодействовать незаконному культивированию; предотвращать утечку и незаконный оборот прекурсоров для незаконного производства наркотиков; устранять ущерб окружающей среде.',
  },
  {
    kind: 'priority',
    code: 'SP5',
    parent: 'II',
    titleEn: 'Prevent drug use and raise awareness of the adverse effects of drugs.',
    titleRu:
      'Предотвращать употребление наркотиков и повышать осведомлённость о пагубных последствиях наркотиков.',
  },
];

/** Loads the EU Drugs Strategy 2021-2025 unless a strategy with its code exists. */
export async function loadStrategiesDemo(db: Db): Promise<boolean> {
  if (await repo.findStrategyByCode(db, EU_DRUGS_STRATEGY.code)) return false;
  await db.transaction().execute(async (trx) => {
    const strategyId = await repo.insertStrategy(
      trx,
      { ...EU_DRUGS_STRATEGY, areaId: null, visibility: 'public' },
      null,
    );
    const ids = new Map<string, number>();
    const positions = new Map<string | null, number>();
    for (const n of EU_DRUGS_STRATEGY_NODES) {
      const position = positions.get(n.parent) ?? 0;
      positions.set(n.parent, position + 1);
      const id = await repo.insertNode(trx, {
        strategyId,
        kind: n.kind,
        code: n.code,
        parentId: n.parent === null ? null : ids.get(n.parent)!,
        position,
        titleEn: n.titleEn,
        titleRu: n.titleRu,
      });
      ids.set(n.code, id);
    }
    await writeAudit(trx, {
      actorId: null,
      action: 'strategy.demo',
      entity: 'strategy',
      entityId: EU_DRUGS_STRATEGY.code,
      after: { ...EU_DRUGS_STRATEGY, nodes: EU_DRUGS_STRATEGY_NODES.map((n) => n.code) },
    });
  });
  return true;
}
