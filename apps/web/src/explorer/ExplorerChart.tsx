import * as Plot from '@observablehq/plot';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatValue } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { partialCoverage, type DisplayPoint, type DisplaySeries } from './explorer.data.ts';

export interface ExplorerChartProps {
  series: DisplaySeries[];
  years: number[];
  log: boolean;
  /** Draw a reference line at 100 (index). */
  indexLine: boolean;
  /** The value axis' label (unit). */
  yLabel: string;
  /** What the chart shows (its accessible name). */
  title: string;
  /** Names of observation status codes (E → estimated value, …), in the UI language. */
  statusNames: Record<string, string>;
  /** Receives the chart's SVG after each render (for the SVG and PNG downloads). */
  onRender: (svg: SVGSVGElement | null) => void;
}

const HEIGHT = 420;
const MARGIN = { top: 24, right: 24, bottom: 36 };

/** A point as the chart draws it: log scales cannot draw zero or negative values, so those are gaps. */
interface Mark {
  code: string;
  color: string;
  year: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
  flagged: boolean;
}

function marks(series: DisplaySeries[], log: boolean): Mark[] {
  return series.flatMap((s) =>
    s.points.map((p) => ({
      code: s.code,
      color: s.color,
      year: p.year,
      value: p.value !== null && log && p.value <= 0 ? null : p.value,
      lower: p.bounds && !(log && p.bounds.lower <= 0) ? p.bounds.lower : null,
      upper: p.bounds && !(log && p.bounds.lower <= 0) ? p.bounds.upper : null,
      flagged: p.statuses.length > 0 || partialCoverage(p),
    })),
  );
}

/** Width of the widest tick label, roughly: the left margin has to fit it. */
function leftMargin(values: number[], format: (v: number) => string): number {
  const longest = Math.max(3, ...values.map((v) => format(v).length));
  return Math.min(120, 16 + longest * 7.5);
}

/**
 * The line chart (Observable Plot, SVG): one line per series, a dot per number, gaps where there
 * is no number (never drawn as zero). Hover or use the arrow keys to read every series in a year.
 */
export function ExplorerChart({
  series,
  years,
  log,
  indexLine,
  yLabel,
  title,
  statusNames,
  onRender,
}: ExplorerChartProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const frameRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [scale, setScale] = useState<{ apply: (v: number) => number; invert: (v: number) => number } | null>(
    null,
  );
  const [activeYear, setActiveYear] = useState<number | null>(null);

  // Follow the container's width (read at once before the first paint, then on every resize).
  useLayoutEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    setWidth(Math.floor(frame.clientWidth));
    const observer = new ResizeObserver((entries) => {
      const next = Math.floor(entries[0]?.contentRect.width ?? 0);
      setWidth((current) => (Math.abs(current - next) > 4 ? next : current));
    });
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const frame = frameRef.current;
    if (!frame || width === 0 || years.length === 0) return;
    const data = marks(series, log);
    const numbers = data.flatMap((d) => [d.value, d.lower, d.upper].filter((v): v is number => v !== null));
    const banded = data.filter((d) => d.lower !== null);
    const format = (v: number) => formatValue(lang, v);
    const first = years[0] ?? 0;
    const last = years[years.length - 1] ?? first;
    const areaLines = data.filter((d) => series.find((s) => s.code === d.code)?.kind !== 'group');
    const groupLines = data.filter((d) => series.find((s) => s.code === d.code)?.kind === 'group');
    const dots = data.filter((d) => d.value !== null);

    const plot = Plot.plot({
      width,
      height: HEIGHT,
      marginTop: MARGIN.top,
      marginRight: MARGIN.right,
      marginBottom: MARGIN.bottom,
      marginLeft: leftMargin(numbers, format),
      style: { fontSize: '13px', fontFamily: 'inherit', overflow: 'visible' },
      x: {
        type: 'linear',
        // A single year still needs a span to draw in.
        domain: first === last ? [first - 1, last + 1] : [first, last],
        ticks: years.length <= 16 ? years : undefined,
        // Years are labels, not quantities: no thousands separator.
        tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : ''),
        label: null,
      },
      y: {
        type: log ? 'log' : 'linear',
        grid: true,
        nice: true,
        zero: !log && numbers.every((v) => v >= 0),
        label: yLabel,
        labelAnchor: 'top',
        labelArrow: 'none',
        tickFormat: format,
        ...(numbers.length === 0 ? { domain: log ? [1, 10] : [0, 1] } : {}),
      },
      marks: [
        indexLine ? Plot.ruleY([100], { stroke: '#6b7280', strokeDasharray: '4,3' }) : null,
        // Bounds of estimates (survey confidence intervals) as a light band behind the line.
        banded.length > 0
          ? Plot.areaY(data, {
              x: 'year',
              y1: 'lower',
              y2: 'upper',
              z: 'code',
              fill: 'color',
              fillOpacity: 0.15,
            })
          : null,
        // Lines break where the value is null: a gap is a gap, never a zero.
        Plot.lineY(areaLines, { x: 'year', y: 'value', z: 'code', stroke: 'color', strokeWidth: 2.25 }),
        Plot.lineY(groupLines, {
          x: 'year',
          y: 'value',
          z: 'code',
          stroke: 'color',
          strokeWidth: 2.25,
          strokeDasharray: '7,4',
        }),
        // Hollow dots: estimated, provisional, break in series, partial group total — see the notes.
        Plot.dot(dots, {
          x: 'year',
          y: 'value',
          r: 4,
          stroke: 'color',
          strokeWidth: 2,
          fill: (d: Mark) => (d.flagged ? '#ffffff' : d.color),
        }),
      ],
      color: { type: 'identity' },
    });

    // The SVG is a picture of the numbers: the frame names it and the tooltip and table read it out,
    // so Plot's per-mark ARIA labels ("line", "dot") are dropped (they are not valid on bare <g>s).
    plot.querySelector('g[aria-label="dot"]')?.classList.add('chart-dots');
    for (const node of plot.querySelectorAll('[aria-label]')) node.removeAttribute('aria-label');
    plot.setAttribute('aria-hidden', 'true');
    frame.replaceChildren(plot);
    const x = plot.scale('x');
    setScale(
      x?.invert ? { apply: (v) => x.apply(v) as number, invert: (v) => x.invert!(v) as number } : null,
    );
    onRender(plot instanceof SVGSVGElement ? plot : plot.querySelector('svg'));
    return () => {
      onRender(null);
      plot.remove();
    };
  }, [series, years, log, indexLine, yLabel, width, lang, t, onRender]);

  const nearestYear = (px: number): number | null => {
    if (!scale || years.length === 0) return null;
    const target = scale.invert(px);
    return years.reduce(
      (best, y) => (Math.abs(y - target) < Math.abs(best - target) ? y : best),
      years[0] ?? 0,
    );
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    setActiveYear(nearestYear(event.clientX - box.left));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (years.length === 0) return;
    const at = activeYear === null ? -1 : years.indexOf(activeYear);
    let next: number | null | undefined;
    if (event.key === 'ArrowRight') next = years[Math.min(years.length - 1, at + 1)];
    else if (event.key === 'ArrowLeft') next = years[at < 0 ? years.length - 1 : Math.max(0, at - 1)];
    else if (event.key === 'Home') next = years[0];
    else if (event.key === 'End') next = years[years.length - 1];
    else if (event.key === 'Escape') next = null;
    else return;
    event.preventDefault();
    setActiveYear(next ?? null);
  };

  const left = activeYear !== null && scale ? scale.apply(activeYear) : null;
  const flipped = left !== null && left > width * 0.6;

  return (
    <div className="chart-area">
      <div
        className="chart-frame"
        ref={frameRef}
        tabIndex={0}
        role="group"
        aria-label={t('web:explorer.chart.keyboardHint', { title })}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setActiveYear(null)}
        onKeyDown={onKeyDown}
        onBlur={() => setActiveYear(null)}
      />
      {left !== null && (
        <div
          className="chart-guide"
          style={{
            left: `${left}px`,
            top: `${MARGIN.top}px`,
            height: `${HEIGHT - MARGIN.top - MARGIN.bottom}px`,
          }}
          aria-hidden="true"
        />
      )}
      <div
        className={`chart-tooltip${flipped ? ' flipped' : ''}`}
        role="status"
        hidden={left === null}
        style={
          left === null
            ? undefined
            : flipped
              ? { right: `${width - left + 12}px` }
              : { left: `${left + 12}px` }
        }
      >
        {activeYear !== null && <YearSummary year={activeYear} series={series} statusNames={statusNames} />}
      </div>
    </div>
  );
}

function pointText(
  point: DisplayPoint | undefined,
  lang: ReturnType<typeof useLanguage>,
  statusNames: Record<string, string>,
): { value: string; note: string | null } {
  if (!point || point.value === null) return { value: '—', note: point?.reason ?? null };
  const notes = point.statuses.map((s) => statusNames[s] ?? s);
  return { value: formatValue(lang, point.value), note: notes.length > 0 ? notes.join('; ') : null };
}

/** Every series' number (or the reason why not) in one year: the tooltip. */
function YearSummary({
  year,
  series,
  statusNames,
}: {
  year: number;
  series: DisplaySeries[];
  statusNames: Record<string, string>;
}) {
  const lang = useLanguage();
  const { t } = useTranslation();
  return (
    <>
      <p className="tooltip-year">{year}</p>
      <ul>
        {series.map((s) => {
          const point = s.points.find((p) => p.year === year);
          const { value, note } = pointText(point, lang, statusNames);
          return (
            <li key={s.code}>
              <span
                className={`swatch${s.kind === 'group' ? ' swatch-dashed' : ''}`}
                style={{ color: s.color }}
              />
              <span className="tooltip-name">{s.name}</span>
              <span className="tooltip-value">{value}</span>
              {note && <span className="tooltip-note">{note}</span>}
              {point && partialCoverage(point) && point.coverage && (
                <span className="tooltip-note">
                  {t('web:explorer.coverage', {
                    count: point.coverage.members,
                    reporting: point.coverage.reporting,
                  })}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
