import type { Language } from '@observatory/shared';
import { translator } from '@observatory/shared/i18n';
import { lineChartSvg } from './pack.chart.ts';
import type { SnapshotContent, SnapshotPoint, SnapshotSeries, Text2 } from './pack.snapshot.ts';

/**
 * One content model of a briefing pack, rendered by both `pack.docx.ts` and `pack.pdf.ts`. Every
 * number in it is a run with a note: the note names the source (publisher, title, table, edition)
 * and the observations behind the number.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Number of the note this run refers to (a footnote in DOCX, a superscript reference in PDF). */
  note?: number;
}
export type Block =
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'heading'; text: string }
  | { type: 'table'; header: string[]; rows: Run[][][]; widths?: number[] }
  | { type: 'chart'; title: string; svg: string; width: number; height: number }
  | { type: 'list'; items: { runs: Run[]; level: number }[] };

export interface Section {
  title: string;
  blocks: Block[];
  /** Notes referenced in this section, in order (PDF prints them at the end of the section). */
  notes: { n: number; text: string }[];
}

export interface Fallback {
  /** What fell back, e.g. `agenda.title`, with its parameters (`n`, `code`). */
  field: string;
  params: Record<string, string | number>;
  missing: Language;
  used: Language;
  message: string;
}

export interface PackModel {
  language: Language;
  title: string;
  cover: { label: string; value: string }[];
  meetingTitle: string;
  sections: Section[];
  fallbacks: Fallback[];
  warnings: { code: string; message: string }[];
  charts: number;
}

/** Numbers in the pack language: Russian `422,48` and `1 315,67` (space before thousands). */
export function formatNumber(value: number, lang: Language): string {
  const locale = lang === 'ru' ? 'ru-RU' : 'en-GB';
  const abs = Math.abs(value);
  const options: Intl.NumberFormatOptions =
    abs !== 0 && abs < 1 ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: 2 };
  // Intl puts a no-break space before thousands in Russian: a space that keeps the number whole.
  return new Intl.NumberFormat(locale, options).format(value);
}

export function formatDate(iso: string, lang: Language): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y!, m! - 1, d)));
}

const UNITS: Record<string, Text2> = {
  KG: { en: 'kg', ru: 'кг' },
  PERSONS: { en: 'persons', ru: 'человек' },
  L: { en: 'litres', ru: 'литров' },
  UNITS: { en: 'units', ru: 'единиц' },
};

export function buildPackModel(
  content: SnapshotContent,
  lang: Language,
  snapshot: { id: number; takenAt: string },
): PackModel {
  const t = translator(lang);
  const other: Language = lang === 'en' ? 'ru' : 'en';
  const fallbacks: Fallback[] = [];
  const warnings: PackModel['warnings'] = [];
  let noteNumber = 0;
  let charts = 0;

  /** The text in the pack language, or in the other one (recorded as a fallback). */
  const pick = (text: Text2, field?: string, params: Record<string, string | number> = {}): string => {
    const own = text[lang];
    if (own !== null && own !== '') return own;
    const fallback = text[other];
    if (fallback === null || fallback === '') return '';
    if (field) {
      const key = `${field}|${JSON.stringify(params)}`;
      if (!fallbacks.some((f) => `${f.field}|${JSON.stringify(f.params)}` === key)) {
        const fieldLabel = t(`reports:field.${field}`, params);
        fallbacks.push({
          field,
          params,
          missing: lang,
          used: other,
          message: t('reports:fallback', {
            field: fieldLabel,
            missing: t(`reports:languageName.${lang}`),
            used: t(`reports:languageName.${other}`),
          }),
        });
      }
    }
    return fallback;
  };
  const sourceByCode = new Map(content.sources.map((s) => [s.code, s]));
  const unitOf = (code: string) => (UNITS[code] ? pick(UNITS[code]) : code);
  const num = (v: number) => formatNumber(v, lang);

  /** Sources cited by the notes, in order of first use (listed once, in full, in the Sources section). */
  const usedSources: string[] = [];
  /** The short citation of a source: publisher, edition (or year, or title), table. */
  const citation = (s: SnapshotContent['sources'][number]): string =>
    t('reports:citation', {
      publisher: s.publisher,
      edition:
        s.edition ?? (s.year !== null ? String(s.year) : pick(s.title, 'source.title', { code: s.code })),
      // "7.1 Drug seizures" → "7.1": the table number is enough next to the edition.
      table: s.table
        ? t('reports:citationTable', { table: /^\d+(?:\.\d+)*(?=\s|$)/.exec(s.table)?.[0] ?? s.table })
        : '',
    });

  /** A number with its note (short citation and observations), numbered across the whole pack. */
  const numberRun = (section: Section, p: SnapshotPoint): Run[] => {
    if (p.value === null) return [{ text: t('reports:gap'), italic: true }];
    noteNumber += 1;
    const sources = p.sources.map((code) => {
      const s = sourceByCode.get(code);
      if (!s) return code;
      if (!usedSources.includes(code)) usedSources.push(code);
      return citation(s);
    });
    const observations = t('reports:observations', {
      count: p.observationIds.length,
      ids: p.observationIds.join(', '),
    });
    const flags = p.statuses.length ? ` (${t('reports:statusFlags', { flags: p.statuses.join(', ') })})` : '';
    const notes = p.footnotes.length ? ` ${p.footnotes.join(' ')}` : '';
    section.notes.push({
      n: noteNumber,
      text: t('reports:footnote', { sources: sources.join('; '), observations }) + flags + notes,
    });
    return [{ text: num(p.value), note: noteNumber }];
  };

  const seriesTitle = (s: SnapshotSeries) =>
    s.substance
      ? t('reports:seriesTitle', {
          indicator: pick(s.indicator.name),
          substance: pick(s.substance.name),
          unit: unitOf(s.indicator.unit),
        })
      : t('reports:seriesTitleNoSubstance', {
          indicator: pick(s.indicator.name),
          unit: unitOf(s.indicator.unit),
        });

  const m = content.meeting;
  const meetingTitle = pick(m.title, 'meeting.title');
  const dates =
    m.startDate === m.endDate
      ? formatDate(m.startDate, lang)
      : `${formatDate(m.startDate, lang)} – ${formatDate(m.endDate, lang)}`;
  const audienceName =
    content.audience.code === 'EU'
      ? t('reports:audience.EU')
      : t('reports:audience.country', { country: pick(content.audience.name) });
  const cover = [
    { label: t('reports:cover.meeting'), value: meetingTitle },
    { label: t('reports:cover.dates'), value: dates },
    { label: t('reports:cover.place'), value: pick(m.place, 'meeting.place') },
    { label: t('reports:cover.chair'), value: pick(m.chair, 'meeting.chair') },
    { label: t('reports:cover.audience'), value: audienceName },
    { label: t('reports:cover.language'), value: t(`reports:languageName.${lang}`) },
    {
      label: t('reports:cover.dataAsOf'),
      value: `${formatDate(snapshot.takenAt, lang)} (${t('reports:cover.snapshot', { id: snapshot.id })})`,
    },
  ].filter((c) => c.value !== '');

  const sections: Section[] = [];
  const section = (title: string): Section => {
    const s: Section = { title, blocks: [], notes: [] };
    sections.push(s);
    return s;
  };

  // Agenda.
  const agenda = section(t('reports:sections.agenda'));
  if (content.agenda.length)
    agenda.blocks.push({
      type: 'list',
      items: content.agenda.map((a, i) => ({
        level: 0,
        runs: [
          { text: `${i + 1}. `, bold: true },
          { text: pick(a.title, 'agenda.title', { n: i + 1 }) },
          ...(pick(a.title) === t(`reports:agendaKind.${a.kind}`)
            ? []
            : [{ text: ` (${t(`reports:agendaKind.${a.kind}`)})`, italic: true }]),
        ],
      })),
    });
  else agenda.blocks.push({ type: 'paragraph', runs: [{ text: t('reports:none.agenda') }] });

  // Delegations.
  const delegations = section(t('reports:sections.delegations'));
  if (content.delegations.length)
    delegations.blocks.push({
      type: 'list',
      items: content.delegations.map((d, i) => {
        const party = [
          d.area ? pick(d.area.name) : '',
          pick(d.institution, 'delegation.institution', { n: i + 1 }),
        ]
          .filter(Boolean)
          .join(' — ');
        return {
          level: 0,
          runs: [
            { text: party, bold: true },
            { text: ` (${t(`reports:side.${d.side}`)})` },
            ...(d.supportedBy
              ? [{ text: ` · ${t('reports:supportedBy', { programme: d.supportedBy })}`, italic: true }]
              : []),
          ],
        };
      }),
    });
  else delegations.blocks.push({ type: 'paragraph', runs: [{ text: t('reports:none.delegations') }] });

  // Country situation.
  const situation = section(
    content.situation.kind === 'eu'
      ? t('reports:sections.situationEu')
      : t('reports:sections.situation', { country: pick(content.audience.name) }),
  );
  if (!content.situation.series.length)
    situation.blocks.push({ type: 'paragraph', runs: [{ text: t('reports:none.situation') }] });
  else if (content.situation.kind === 'country') {
    situation.blocks.push({
      type: 'paragraph',
      runs: [{ text: t('reports:seriesCount', { count: content.situation.series.length }), italic: true }],
    });
    for (const s of content.situation.series) {
      const title = seriesTitle(s);
      situation.blocks.push({ type: 'heading', text: title });
      situation.blocks.push({
        type: 'table',
        header: [t('reports:table.year'), t('reports:table.value')],
        rows: s.points.map((p) => [[{ text: String(p.year) }], numberRun(situation, p)]),
        widths: [1, 2],
      });
      charts += 1;
      situation.blocks.push({
        type: 'chart',
        title,
        width: 520,
        height: 200,
        svg: lineChartSvg({
          series: [{ label: pick(s.area.name), points: s.points }],
          format: num,
          unit: unitOf(s.indicator.unit),
          noData: t('reports:chart.noData'),
          width: 520,
          height: 200,
        }),
      });
    }
  } else {
    // EU side: the five countries side by side, latest year with a value per substance.
    const areas = content.situation.areas;
    const keys = [
      ...new Set(content.situation.series.map((s) => `${s.indicator.code}|${s.substance?.code ?? ''}`)),
    ];
    const rows: Run[][][] = [];
    for (const key of keys) {
      const group = content.situation.series.filter(
        (s) => `${s.indicator.code}|${s.substance?.code ?? ''}` === key,
      );
      const first = group[0]!;
      const row: Run[][] = [
        [{ text: first.substance ? pick(first.substance.name) : pick(first.indicator.name) }],
      ];
      for (const a of areas) {
        const s = group.find((g) => g.area.code === a.code);
        const last = s ? [...s.points].reverse().find((p) => p.value !== null) : undefined;
        if (!last) row.push([{ text: t('reports:gap'), italic: true }]);
        else row.push([...numberRun(situation, last), { text: ` (${last.year})` }]);
      }
      rows.push(row);
      charts += 1;
      const title = seriesTitle(first);
      situation.blocks.push({ type: 'heading', text: title });
      situation.blocks.push({
        type: 'chart',
        title,
        width: 520,
        height: 220,
        svg: lineChartSvg({
          series: group.map((g) => ({ label: pick(g.area.name), points: g.points })),
          format: num,
          unit: unitOf(first.indicator.unit),
          noData: t('reports:chart.noData'),
          width: 520,
          height: 220,
        }),
      });
    }
    const unit = unitOf(content.situation.series[0]!.indicator.unit);
    situation.blocks.unshift({
      type: 'table',
      header: [`${t('reports:table.substance')} (${unit})`, ...areas.map((a) => pick(a.name))],
      rows,
    });
  }

  // Latest signals.
  const signals = section(t('reports:sections.signals'));
  if (content.signals.length) {
    signals.blocks.push({
      type: 'paragraph',
      runs: [{ text: t('reports:signalCount', { count: content.signals.length }), italic: true }],
    });
    signals.blocks.push({
      type: 'list',
      items: content.signals.map((s) => ({
        level: 0,
        runs: [{ text: `${s.area} · ${s.year}: `, bold: true }, { text: pick(s.text) }],
      })),
    });
    const more = (content.signalsTotal ?? content.signals.length) - content.signals.length;
    if (more > 0)
      signals.blocks.push({
        type: 'paragraph',
        runs: [{ text: t('reports:signalMore', { count: more }), italic: true }],
      });
  } else {
    signals.blocks.push({ type: 'paragraph', runs: [{ text: t('reports:none.signals') }] });
    warnings.push({ code: 'no_signals', message: t('reports:warnings.no_signals') });
  }

  // Strategy progress: the tree, with the latest status and percent, rolled up where a node has none.
  const strategy = section(t('reports:sections.strategy'));
  const withProgress = content.strategies.filter((s) => s.nodes.length);
  if (!withProgress.length)
    strategy.blocks.push({ type: 'paragraph', runs: [{ text: t('reports:none.strategy') }] });
  for (const s of withProgress) {
    strategy.blocks.push({
      type: 'heading',
      text: `${pick(s.title, 'strategy.title', { code: s.code })} (${s.period})`,
    });
    const children = new Map<number | null, typeof s.nodes>();
    for (const n of s.nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
    const rolled = new Map<number, number | null>();
    const percentOf = (id: number): number | null => {
      if (rolled.has(id)) return rolled.get(id)!;
      const node = s.nodes.find((n) => n.id === id)!;
      let value = node.percent;
      if (value === null) {
        const kids = (children.get(id) ?? []).map((k) => percentOf(k.id)).filter((v) => v !== null);
        value = kids.length ? kids.reduce((a, b) => a + b, 0) / kids.length : null;
      }
      rolled.set(id, value);
      return value;
    };
    const items: { runs: Run[]; level: number }[] = [];
    const walk = (parent: number | null, level: number) => {
      for (const n of children.get(parent) ?? []) {
        const percent = percentOf(n.id);
        items.push({
          level,
          runs: [
            { text: `${n.code} `, bold: true },
            { text: pick(n.title, 'strategyNode.title', { code: n.code }) },
            {
              text: ` — ${n.status ? t(`reports:progressStatus.${n.status}`) : t('reports:progressStatus.none')}${
                percent !== null ? `, ${num(Math.round(percent))} %` : ''
              }`,
              italic: true,
            },
          ],
        });
        walk(n.id, level + 1);
      }
    };
    walk(null, 0);
    strategy.blocks.push({ type: 'list', items });
  }

  // Open follow-ups carried from earlier meetings.
  const follow = section(t('reports:sections.followUps'));
  if (content.followUps.length) {
    follow.blocks.push({
      type: 'paragraph',
      runs: [{ text: t('reports:followUpCount', { count: content.followUps.length }), italic: true }],
    });
    follow.blocks.push({
      type: 'table',
      header: [
        t('reports:table.item'),
        t('reports:table.owner'),
        t('reports:table.due'),
        t('reports:table.status'),
      ],
      widths: [4, 2, 1.5, 1.2],
      rows: content.followUps.map((f, i) => [
        [{ text: `${pick(f.text, 'followUp.text', { n: i + 1 })} (${formatDate(f.meetingDate, lang)})` }],
        [{ text: pick(f.owner, 'followUp.owner', { n: i + 1 }) }],
        [{ text: f.dueDate ? formatDate(f.dueDate, lang) : '—' }],
        [{ text: t(`reports:followUpStatus.${f.status}`) }],
      ]),
    });
  } else follow.blocks.push({ type: 'paragraph', runs: [{ text: t('reports:none.followUps') }] });

  // Programmes.
  const programmes = section(t('reports:sections.programmes'));
  if (content.programmes.length)
    programmes.blocks.push({
      type: 'table',
      header: [
        t('reports:table.item'),
        t('reports:table.funder'),
        t('reports:table.implementer'),
        t('reports:table.period'),
        t('reports:table.countries'),
      ],
      rows: content.programmes.map((p) => [
        [{ text: `${p.code} — ${pick(p.name, 'programme.name', { code: p.code })}` }],
        [{ text: pick(p.funder, 'programme.funder', { code: p.code }) || '—' }],
        [{ text: pick(p.implementer, 'programme.implementer', { code: p.code }) || '—' }],
        [
          {
            text:
              p.startDate || p.endDate
                ? `${p.startDate ? formatDate(p.startDate, lang) : '…'} – ${p.endDate ? formatDate(p.endDate, lang) : '…'}`
                : '—',
          },
        ],
        [{ text: p.countries.join(', ') || '—' }],
      ]),
    });
  else programmes.blocks.push({ type: 'paragraph', runs: [{ text: t('reports:none.programmes') }] });

  // Sources: each source cited by a note, once, in full; printed last (after translation notes).
  const sourceItems = usedSources.map((code) => {
    const s = sourceByCode.get(code)!;
    const parts = [
      s.publisher,
      pick(s.title, 'source.title', { code: s.code }),
      s.table ? t('reports:source.table', { table: s.table }) : '',
      s.edition ? t('reports:source.edition', { edition: s.edition }) : '',
      s.year !== null && !(s.edition ?? '').includes(String(s.year)) ? String(s.year) : '',
      s.url ?? '',
      s.licence ? t('reports:source.licence', { licence: s.licence }) : '',
    ].filter((x) => x !== '');
    return {
      level: 0,
      runs: [{ text: `${citation(s)}. `, bold: true }, { text: `${parts.join(', ')}.` }],
    };
  });

  // Translation notes: every text that fell back to the other language.
  if (fallbacks.length) {
    const notes = section(t('reports:sections.translationNotes'));
    notes.blocks.push({ type: 'paragraph', runs: [{ text: t('reports:fallbackIntro') }] });
    notes.blocks.push({
      type: 'list',
      items: fallbacks.map((f) => ({ level: 0, runs: [{ text: f.message }] })),
    });
  }
  if (sourceItems.length)
    section(t('reports:sections.sources')).blocks.push({ type: 'list', items: sourceItems });

  return {
    language: lang,
    title: t('reports:packTitle'),
    cover,
    meetingTitle,
    sections,
    fallbacks,
    warnings,
    charts,
  };
}
