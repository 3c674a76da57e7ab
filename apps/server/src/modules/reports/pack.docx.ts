import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { Block, PackModel, Run } from './pack.model.ts';

/**
 * The pack as DOCX with `docx`: real Word footnotes for the notes of numbers, charts as PNG images
 * (rendered from the same SVG as the PDF, see `chartPng`).
 */

const runs = (list: Run[]): ParagraphChild[] =>
  list.flatMap((r) => {
    const text = new TextRun({ text: r.text, bold: r.bold ?? false, italics: r.italic ?? false });
    return r.note === undefined ? [text] : [text, new FootnoteReferenceRun(r.note)];
  });

function block(b: Block, png: () => Buffer): (Paragraph | Table)[] {
  switch (b.type) {
    case 'paragraph':
      return [new Paragraph({ children: runs(b.runs) })];
    case 'heading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(b.text)] })];
    case 'list':
      return b.items.map(
        (i) => new Paragraph({ indent: { left: 360 * (i.level + 1), hanging: 240 }, children: runs(i.runs) }),
      );
    case 'table': {
      const total = b.widths?.reduce((a, c) => a + c, 0);
      const width = (i: number) =>
        b.widths && total
          ? { size: Math.round((b.widths[i]! / total) * 100), type: WidthType.PERCENTAGE }
          : undefined;
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              tableHeader: true,
              children: b.header.map(
                (h, i) =>
                  new TableCell({
                    ...(width(i) ? { width: width(i)! } : {}),
                    shading: { fill: 'EEEEEE' },
                    children: [new Paragraph({ children: [new TextRun({ text: h, bold: true })] })],
                  }),
              ),
            }),
            ...b.rows.map(
              (row) =>
                new TableRow({
                  children: row.map(
                    (cell, i) =>
                      new TableCell({
                        ...(width(i) ? { width: width(i)! } : {}),
                        children: [new Paragraph({ children: runs(cell) })],
                      }),
                  ),
                }),
            ),
          ],
        }),
        new Paragraph({ children: [] }),
      ];
    }
    case 'chart':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: 'png',
              data: png(),
              transformation: { width: b.width, height: b.height },
              altText: { name: b.title, title: b.title, description: b.title },
            }),
          ],
        }),
      ];
  }
}

/** `pngs` holds one PNG per chart block, in the order the charts appear. */
export async function renderDocx(model: PackModel, pngs: Buffer[]): Promise<Buffer> {
  let chart = 0;
  const next = () => pngs[chart++]!;
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  for (const s of model.sections)
    for (const n of s.notes)
      footnotes[n.n] = { children: [new Paragraph({ children: [new TextRun(n.text)] })] };

  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(model.meetingTitle)] }),
    ...model.cover.map(
      (c) =>
        new Paragraph({
          children: [new TextRun({ text: `${c.label}: `, bold: true }), new TextRun(c.value)],
        }),
    ),
    new Paragraph({ children: [new PageBreak()] }),
  ];
  for (const s of model.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(s.title)] }));
    for (const b of s.blocks) children.push(...block(b, next));
  }
  const doc = new Document({
    creator: 'Observatory',
    title: `${model.title} — ${model.meetingTitle}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 21 } } } },
    footnotes,
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
