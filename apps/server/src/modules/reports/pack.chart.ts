import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/**
 * Line charts as SVG strings, built on the server without a DOM: one line per series, a gap where a
 * year has no value (the line breaks, it never drops to zero). Text uses the Roboto family, which
 * the PDF (pdfmake) and PNG (resvg) renderers both have, so Cyrillic labels render.
 */

export interface ChartSeries {
  label: string;
  points: { year: number; value: number | null }[];
}

export interface ChartInput {
  series: ChartSeries[];
  /** Formats an axis value in the pack language. */
  format: (value: number) => string;
  unit: string;
  noData: string;
  width?: number;
  height?: number;
}

const COLOURS = ['#1f4e79', '#c55a11', '#548235', '#7030a0', '#bf9000', '#2e75b6'];

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Round tick values covering [0, max]. */
function ticks(max: number, count = 4): number[] {
  if (max <= 0) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1]! < max) out.push(Number((out[out.length - 1]! + step).toPrecision(12)));
  return out;
}

export function lineChartSvg(input: ChartInput): string {
  const width = input.width ?? 520;
  const height = input.height ?? 220;
  const legend = input.series.length > 1 ? 18 : 0;
  const m = { top: 24 + legend, right: 16, bottom: 28, left: 64 };
  const years = [...new Set(input.series.flatMap((s) => s.points.map((p) => p.year)))].sort((a, b) => a - b);
  const values = input.series.flatMap((s) => s.points.map((p) => p.value)).filter((v) => v !== null);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  const text = (x: number, y: number, s: string, anchor = 'middle', size = 10, fill = '#333333') =>
    `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="Roboto" font-size="${size}" fill="${fill}" text-anchor="${anchor}">${esc(s)}</text>`;
  if (!years.length || !values.length) {
    parts.push(text(width / 2, height / 2, input.noData, 'middle', 12), '</svg>');
    return parts.join('');
  }
  const yTicks = ticks(Math.max(...values, 0));
  const yMax = yTicks[yTicks.length - 1]! || 1;
  const x0 = years[0]!;
  const span = Math.max(1, years[years.length - 1]! - x0);
  const innerW = width - m.left - m.right;
  const innerH = height - m.top - m.bottom;
  const x = (year: number) => m.left + (years.length === 1 ? innerW / 2 : ((year - x0) / span) * innerW);
  const y = (v: number) => m.top + innerH - (v / yMax) * innerH;

  for (const v of yTicks) {
    parts.push(
      `<line x1="${m.left}" x2="${width - m.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#dddddd" stroke-width="0.5"/>`,
      text(m.left - 6, y(v) + 3, input.format(v), 'end', 9),
    );
  }
  parts.push(text(m.left - 6, m.top - 12, input.unit, 'end', 9, '#555555'));
  for (const year of years) parts.push(text(x(year), height - m.bottom + 14, String(year), 'middle', 9));
  parts.push(
    `<line x1="${m.left}" x2="${width - m.right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#888888" stroke-width="0.8"/>`,
  );

  // Legend entries side by side, each as wide as its label (≈ 5.4 px a character at 9 px Roboto).
  const legendX: number[] = [];
  let lx = m.left;
  for (const s of input.series) {
    legendX.push(lx);
    lx += 14 + Math.ceil(s.label.length * 5.4) + 14;
  }

  input.series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    // One path segment per run of consecutive values: a missing year breaks the line.
    let d = '';
    let open = false;
    for (const p of s.points) {
      if (p.value === null) {
        open = false;
        continue;
      }
      d += `${open ? 'L' : 'M'}${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`;
      open = true;
    }
    if (d) parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.8"/>`);
    for (const p of s.points)
      if (p.value !== null)
        parts.push(
          `<circle cx="${x(p.year).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="2.4" fill="${colour}"/>`,
        );
    if (legend) {
      const lx = legendX[i]!;
      parts.push(
        `<rect x="${lx}" y="6" width="10" height="10" fill="${colour}"/>`,
        text(lx + 14, 15, s.label, 'start', 9),
      );
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The Roboto fonts pdfmake ships (with Cyrillic), used by the PDF and by the PNG charts. */
export const ROBOTO_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')),
  'build',
  'fonts',
  'Roboto',
);
export const ROBOTO = {
  normal: path.join(ROBOTO_DIR, 'Roboto-Regular.ttf'),
  bold: path.join(ROBOTO_DIR, 'Roboto-Medium.ttf'),
  italics: path.join(ROBOTO_DIR, 'Roboto-Italic.ttf'),
  bolditalics: path.join(ROBOTO_DIR, 'Roboto-MediumItalic.ttf'),
};

/** The chart as PNG (for DOCX), at twice its size for a sharp print. */
export function chartPng(svg: string, width: number): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [ROBOTO.normal, ROBOTO.bold], loadSystemFonts: false, defaultFontFamily: 'Roboto' },
    fitTo: { mode: 'width', value: width * 2 },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
