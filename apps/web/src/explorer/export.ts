/**
 * SVG and PNG downloads of the chart or the map: the drawing plus what makes it readable on its
 * own — title, subtitle, legend and source line — in one standalone SVG document.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";

export interface LegendEntry {
  label: string;
  color: string;
  dashed?: boolean;
}

export interface ExportText {
  title: string;
  subtitle: string;
  legend: LegendEntry[];
  /** "Source: …" and notes, one line each. */
  footer: string[];
}

function text(
  doc: Document,
  x: number,
  y: number,
  content: string,
  size: number,
  weight = 400,
  fill = '#1b2430',
) {
  const node = doc.createElementNS(SVG_NS, 'text');
  node.setAttribute('x', String(x));
  node.setAttribute('y', String(y));
  node.setAttribute('font-size', String(size));
  node.setAttribute('font-weight', String(weight));
  node.setAttribute('fill', fill);
  node.textContent = content;
  return node;
}

/** Splits a long line at spaces (and over-long words, such as links, anywhere) to fit `max` characters. */
function wrap(line: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  const words = line.split(' ').flatMap((word) => word.match(new RegExp(`.{1,${max}}`, 'g')) ?? ['']);
  for (const word of words) {
    if (current && current.length + word.length + 1 > max) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}

/** A standalone SVG document of the drawing with its title, legend and source. */
export function composeSvg(drawing: SVGSVGElement, info: ExportText): string {
  const doc = document.implementation.createDocument(SVG_NS, 'svg', null);
  const root = doc.documentElement as unknown as SVGSVGElement;
  const box = drawing.viewBox.baseVal;
  const innerWidth = box && box.width > 0 ? box.width : drawing.width.baseVal.value || drawing.clientWidth;
  const innerHeight =
    box && box.height > 0 ? box.height : drawing.height.baseVal.value || drawing.clientHeight;
  const width = Math.max(640, Math.round(innerWidth) + 32);
  const pad = 16;
  // Average glyph width of the sans-serif fonts at 12 px, Cyrillic included: about 7.2 px.
  const chars = Math.floor((width - 2 * pad) / 7.2);

  let y = pad + 20;
  const header: SVGTextElement[] = [];
  for (const line of wrap(info.title, Math.floor(chars * 0.6))) {
    header.push(text(doc, pad, y, line, 20, 700, '#0c2a4f'));
    y += 26;
  }
  for (const line of wrap(info.subtitle, Math.floor(chars * 0.85))) {
    header.push(text(doc, pad, y, line, 14, 400, '#4b5563'));
    y += 20;
  }

  // Legend: swatches in rows.
  const legend = doc.createElementNS(SVG_NS, 'g');
  let x = pad;
  y += 8;
  for (const entry of info.legend) {
    const itemWidth = 44 + entry.label.length * 8;
    if (x + itemWidth > width - pad && x > pad) {
      x = pad;
      y += 22;
    }
    const swatch = doc.createElementNS(SVG_NS, 'line');
    swatch.setAttribute('x1', String(x));
    swatch.setAttribute('x2', String(x + 20));
    swatch.setAttribute('y1', String(y - 4));
    swatch.setAttribute('y2', String(y - 4));
    swatch.setAttribute('stroke', entry.color);
    swatch.setAttribute('stroke-width', '3');
    if (entry.dashed) swatch.setAttribute('stroke-dasharray', '6,3');
    legend.append(swatch, text(doc, x + 26, y, entry.label, 13));
    x += itemWidth;
  }
  if (info.legend.length > 0) y += 16;

  const copy = drawing.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('x', String(pad));
  copy.setAttribute('y', String(y));
  copy.setAttribute('width', String(Math.round(innerWidth)));
  copy.setAttribute('height', String(Math.round(innerHeight)));
  y += innerHeight + 20;

  const footer: SVGTextElement[] = [];
  for (const line of info.footer.flatMap((l) => wrap(l, chars))) {
    footer.push(text(doc, pad, y, line, 12, 400, '#4b5563'));
    y += 17;
  }

  const height = Math.round(y + pad);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', FONT);
  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  root.append(background, ...header, legend, copy, ...footer);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}`;
}

/** Saves a blob under a file name (through a temporary link). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Renders an SVG document to a PNG at twice its size (sharp on high-density screens and in print). */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.naturalWidth * scale);
    canvas.height = Math.round(image.naturalHeight * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas.');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A file name from the selection: `SZR_QTY-heroin-2019-2023.svg`. */
export function fileName(parts: (string | number | null | undefined)[], extension: string): string {
  const stem = parts
    .filter((p) => p !== null && p !== undefined && p !== '')
    .map((p) => String(p).replace(/[^A-Za-z0-9_.-]+/g, '_'))
    .join('-');
  return `${stem || 'chart'}.${extension}`;
}
