import { createRequire } from 'node:module';
import { ROBOTO, ROBOTO_DIR } from './pack.chart.ts';
import type { Block, PackModel, Run } from './pack.model.ts';

/**
 * The pack as PDF with pdfmake (server build) and its Roboto fonts, which have Cyrillic glyphs, so
 * Russian text renders and can be extracted. Charts are embedded as SVG; each number has a
 * superscript reference to a note printed at the end of its section.
 */

type Node = Record<string, unknown> | string;
interface PdfMake {
  setFonts(fonts: Record<string, typeof ROBOTO>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

let instance: PdfMake | undefined;
function pdfmake(): PdfMake {
  if (!instance) {
    instance = createRequire(import.meta.url)('pdfmake') as PdfMake;
    instance.setFonts({ Roboto: ROBOTO });
    // Documents reference no URL and no file other than the fonts.
    instance.setUrlAccessPolicy(() => false);
    instance.setLocalAccessPolicy((p) => p.startsWith(ROBOTO_DIR));
  }
  return instance;
}

const runs = (list: Run[]): Node[] =>
  list.flatMap((r) => {
    const text: Record<string, unknown> = { text: r.text };
    if (r.bold) text.bold = true;
    if (r.italic) text.italics = true;
    return r.note === undefined
      ? [text]
      : [text, { text: `[${r.note}]`, sup: true, fontSize: 7, color: '#1f4e79' }];
  });

function block(b: Block): Node {
  switch (b.type) {
    case 'paragraph':
      return { text: runs(b.runs), margin: [0, 2, 0, 6] };
    case 'heading':
      return { text: b.text, style: 'h2' };
    case 'list':
      return {
        stack: b.items.map((i) => ({ text: runs(i.runs), margin: [i.level * 14, 1, 0, 1] })),
        margin: [0, 0, 0, 6],
      };
    case 'table':
      return {
        table: {
          headerRows: 1,
          widths: b.widths
            ? b.widths.map((w) => `${(w / b.widths!.reduce((a, c) => a + c, 0)) * 100}%`)
            : b.header.map(() => '*'),
          body: [
            b.header.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })),
            ...b.rows.map((row) => row.map((cell) => ({ text: runs(cell) }))),
          ],
        },
        layout: 'lightHorizontalLines',
        fontSize: 9,
        margin: [0, 2, 0, 8],
      };
    case 'chart':
      return { svg: b.svg, width: b.width * 0.9, margin: [0, 0, 0, 10] };
  }
}

export async function renderPdf(model: PackModel): Promise<Buffer> {
  const content: Node[] = [
    { text: model.title, style: 'title' },
    { text: model.meetingTitle, style: 'subtitle' },
    {
      table: {
        widths: ['30%', '70%'],
        body: model.cover.map((c) => [{ text: c.label, bold: true }, c.value]),
      },
      layout: 'noBorders',
      margin: [0, 10, 0, 0],
    },
  ];
  for (const s of model.sections) {
    content.push({ text: s.title, style: 'h1', pageBreak: s === model.sections[0] ? 'before' : undefined });
    for (const b of s.blocks) content.push(block(b));
    if (s.notes.length)
      content.push({
        stack: s.notes.map((n) => ({ text: [{ text: `[${n.n}] ` }, n.text] })),
        style: 'notes',
      });
  }
  const doc = pdfmake().createPdf({
    info: { title: `${model.title} — ${model.meetingTitle}` },
    language: model.language,
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 50],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      title: { fontSize: 24, bold: true, margin: [0, 120, 0, 8] },
      subtitle: { fontSize: 15, margin: [0, 0, 0, 12] },
      h1: { fontSize: 15, bold: true, margin: [0, 14, 0, 6], color: '#1f4e79' },
      h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      notes: { fontSize: 7.5, color: '#444444', margin: [0, 4, 0, 8] },
    },
    footer: (page: number, pages: number) => ({
      text: `${page} / ${pages}`,
      alignment: 'center',
      fontSize: 8,
      color: '#888888',
    }),
    content,
  });
  return doc.getBuffer();
}
