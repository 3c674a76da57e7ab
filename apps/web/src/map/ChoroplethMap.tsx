import { geoConicEqualArea, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { useEffect, useMemo, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { loadCountries, type CountryFeature } from './atlas.ts';

/** What the map knows about one country. */
export interface MapDatum {
  /** Zero-padded UN M49 code, as world-atlas names its shapes. */
  atlasId: string;
  name: string;
  value: number | null;
  /** Why there is no value (shown in the shape's title). */
  reason: string | null;
}

export interface ChoroplethMapProps {
  data: MapDatum[];
  /** Accessible name of the map (what it shows). */
  label: string;
  /** Formats a value for the legend and titles. */
  format: (value: number) => string;
  /** Countries to outline (the current selection). */
  highlight?: string[];
  svgRef?: Ref<SVGSVGElement>;
}

/**
 * Sequential, colour-blind-safe and printable (ColorBrewer YlGnBu, 5 classes); "no data" is a
 * hatched grey that no class uses.
 */
export const MAP_COLOURS = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;
const NO_DATA = '#e5e7eb';
const OUTSIDE = '#d9dee5';

const WIDTH = 960;
const HEIGHT = 600;
/** Height of a legend row (the SVG is drawn at about 70 % on a laptop: 18 px text reads as 13 px). */
const ROW = 28;

/**
 * Europe to Central Asia and Afghanistan: from the Canaries (18° W) and Portugal to the Altai
 * (87° E), from Pakistan (24° N) to Finland (70° N).
 */
const EXTENT: GeoPermissibleObjects = {
  type: 'MultiPoint',
  coordinates: [
    [-18, 34],
    [-10, 36],
    [-10, 60],
    [28, 71],
    [60, 68],
    [88, 56],
    [78, 34],
    [66, 23],
    [35, 27],
    [20, 33],
  ],
};

/**
 * An equal-area conic centred on 40° E (parallels 35° and 62° N): areas stay comparable from Lisbon
 * to Almaty, and neither Europe nor Central Asia is sheared the way a world projection shears them.
 */
function projection() {
  return geoConicEqualArea()
    .parallels([35, 62])
    .rotate([-40, 0])
    .fitExtent(
      [
        [8, 8],
        [WIDTH - 8, HEIGHT - 8],
      ],
      EXTENT,
    )
    .clipExtent([
      [0, 0],
      [WIDTH, HEIGHT],
    ]);
}

/** Class breaks at quantiles of the values (five classes, fewer when there are few distinct values). */
export function classBreaks(values: number[]): number[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (sorted.length <= 1) return [];
  const classes = Math.min(MAP_COLOURS.length, sorted.length);
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) {
    const at = sorted[Math.floor((i * sorted.length) / classes)];
    if (at !== undefined && !breaks.includes(at)) breaks.push(at);
  }
  return breaks;
}

function classOf(value: number, breaks: number[]): number {
  let k = 0;
  while (k < breaks.length && value >= (breaks[k] ?? Infinity)) k++;
  return k;
}

/** A choropleth of one value per country, drawn with d3-geo from the 1:50m world atlas. */
export function ChoroplethMap({ data, label, format, highlight = [], svgRef }: ChoroplethMapProps) {
  const { t } = useTranslation();
  const [countries, setCountries] = useState<CountryFeature[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    loadCountries()
      .then((features) => live && setCountries(features))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, []);

  // One decimal of a pixel is plenty, and keeps the SVG (and its download) small.
  const path = useMemo(() => geoPath(projection()).digits(1), []);
  const byId = useMemo(() => new Map(data.map((d) => [d.atlasId, d])), [data]);
  const values = useMemo(() => data.flatMap((d) => (d.value === null ? [] : [d.value])), [data]);
  const breaks = useMemo(() => classBreaks(values), [values]);
  const colours = MAP_COLOURS.slice(MAP_COLOURS.length - (breaks.length + 1));
  const highlighted = new Set(highlight);

  if (failed) return <p className="notice">{t('web:map.failed')}</p>;
  if (!countries) return <p className="loading">{t('web:loading')}</p>;

  const min = values.length ? Math.min(...values) : null;
  const max = values.length ? Math.max(...values) : null;
  const legend =
    min === null || max === null
      ? []
      : colours.map((colour, k) => {
          const lower = k === 0 ? min : (breaks[k - 1] ?? min);
          const upper = k === colours.length - 1 ? max : (breaks[k] ?? max);
          const label =
            lower === upper ? format(lower) : t('web:map.range', { from: format(lower), to: format(upper) });
          return { colour, label };
        });
  const legendWidth =
    44 + 10 * Math.max(t('web:map.noData').length, ...legend.map((entry) => entry.label.length));

  return (
    <figure className="map-figure">
      <svg
        ref={svgRef}
        className="choropleth"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        xmlns="http://www.w3.org/2000/svg"
      >
        <defs>
          <pattern
            id="map-no-data"
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill={NO_DATA} />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#9aa5b4" strokeWidth="1.5" />
          </pattern>
        </defs>
        <rect width={WIDTH} height={HEIGHT} fill="#f5f9fd" />
        {countries.map((country, i) => {
          const id = country.id === undefined ? '' : String(country.id);
          const datum = byId.get(id);
          const d = path(country) ?? '';
          if (!d) return null;
          let fill = OUTSIDE;
          if (datum)
            fill =
              datum.value === null ? 'url(#map-no-data)' : (colours[classOf(datum.value, breaks)] ?? NO_DATA);
          const title = datum
            ? `${datum.name}: ${datum.value === null ? (datum.reason ?? t('web:map.noData')) : format(datum.value)}`
            : null;
          return (
            <path
              key={id || `shape-${i}`}
              d={d}
              fill={fill}
              stroke={highlighted.has(id) ? '#1b2430' : '#ffffff'}
              strokeWidth={highlighted.has(id) ? 1.6 : 0.5}
              data-atlas-id={id || undefined}
            >
              {title && <title>{title}</title>}
            </path>
          );
        })}
        <g className="map-legend-svg" transform={`translate(16 ${HEIGHT - 16 - ROW * (legend.length + 1)})`}>
          <rect
            x={-6}
            y={-8}
            width={legendWidth}
            height={ROW * (legend.length + 1) + 8}
            rx={4}
            fill="#ffffff"
            fillOpacity={0.9}
          />
          {legend.map(({ colour, label: text }, k) => (
            <g key={colour} transform={`translate(0 ${ROW * k})`}>
              <rect width={20} height={20} fill={colour} stroke="#6b7280" strokeWidth={0.5} />
              <text x={28} y={16} fontSize={18} fill="#1b2430">
                {text}
              </text>
            </g>
          ))}
          <g transform={`translate(0 ${ROW * legend.length})`}>
            <rect width={20} height={20} fill="url(#map-no-data)" stroke="#6b7280" strokeWidth={0.5} />
            <text x={28} y={16} fontSize={18} fill="#1b2430">
              {t('web:map.noData')}
            </text>
          </g>
        </g>
      </svg>
      {/* The SVG is one image to assistive technology: the legend again, as text. */}
      <figcaption className="visually-hidden">
        <ul aria-label={t('web:map.legend')}>
          {legend.map(({ colour, label: text }) => (
            <li key={colour}>{text}</li>
          ))}
          <li>{t('web:map.noDataLegend')}</li>
        </ul>
      </figcaption>
    </figure>
  );
}
