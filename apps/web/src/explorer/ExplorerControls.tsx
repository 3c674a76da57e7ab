import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Codelist, IndicatorDetail, Site, SubstanceNode } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { dimValue, perCapitaAllowed, withDim, type ExplorerState } from './explorer.state.ts';

export interface ExplorerControlsProps {
  state: ExplorerState;
  indicators: IndicatorDetail[];
  indicator: IndicatorDetail | undefined;
  codelists: Codelist[];
  /** Monitoring sites of the chosen countries (wastewater). */
  sites: Site[];
  /** Years with data for the selection (every year from the first to the last). */
  spanYears: number[];
  onChange: (patch: Partial<ExplorerState>) => void;
}

const DOMAIN_ORDER = ['SZR', 'CULT', 'DRD', 'TDI', 'PPP', 'GPS', 'WW', 'POP'];

function useDomainNames(): Record<string, string> {
  const { t } = useTranslation();
  return {
    SZR: t('web:indicators.domainSZR'),
    CULT: t('web:indicators.domainCULT'),
    POP: t('web:indicators.domainPOP'),
    DRD: t('web:indicators.domainDRD'),
    TDI: t('web:indicators.domainTDI'),
    PPP: t('web:indicators.domainPPP'),
    GPS: t('web:indicators.domainGPS'),
    WW: t('web:indicators.domainWW'),
  };
}

/** The taxonomy as indented options under its top-level groups. */
function substanceOptions(nodes: SubstanceNode[], depth = 0): { code: string; label: string }[] {
  return nodes.flatMap((node) => [
    { code: node.code, label: `${'\u2003'.repeat(depth)}${node.name}` },
    ...substanceOptions(node.children, depth + 1),
  ]);
}

/** Indicator, substance, breakdowns and years. */
export function ExplorerControls({
  state,
  indicators,
  indicator,
  codelists,
  sites,
  spanYears,
  onChange,
}: ExplorerControlsProps) {
  const { t } = useTranslation();
  const ids = { indicator: useId(), substance: useId(), from: useId(), to: useId(), dims: useId() };
  const domains = useDomainNames();
  const substances = useApi<{ items: SubstanceNode[] }>(indicator?.requiresSubstance ? 'substances' : null);

  const byDomain = new Map<string, IndicatorDetail[]>();
  for (const item of indicators) byDomain.set(item.domain, [...(byDomain.get(item.domain) ?? []), item]);
  const rank = (domain: string) => {
    const at = DOMAIN_ORDER.indexOf(domain);
    return at < 0 ? DOMAIN_ORDER.length : at;
  };
  const domainCodes = [...byDomain.keys()].sort((a, b) => rank(a) - rank(b));

  const changeIndicator = (code: string) => {
    const next = indicators.find((i) => i.code === code);
    // Breakdowns belong to an indicator; a substance carries over when the new one has substances.
    onChange({
      indicator: code,
      dims: [],
      substance: next?.requiresSubstance ? (state.substance ?? 'heroin') : null,
      measure: next && perCapitaAllowed(next) ? state.measure : 'value',
    });
  };

  // Breakdowns one can fix: those with a codelist, and wastewater sites. Units are not a choice:
  // analytics reads each indicator in its own unit only (ADR 0006).
  const dimensions = (indicator?.dimensions ?? []).filter(
    (d) => (d.codelist !== null && d.codelist !== 'UNIT') || d.dimension === 'site',
  );
  const yearOptions = [
    ...new Set([...spanYears, ...(state.from ? [state.from] : []), ...(state.to ? [state.to] : [])]),
  ].sort((a, b) => a - b);

  return (
    <div className="explorer-fields">
      <div className="field">
        <label htmlFor={ids.indicator}>{t('web:explorer.indicator')}</label>
        <select id={ids.indicator} value={state.indicator} onChange={(e) => changeIndicator(e.target.value)}>
          {!indicator && <option value={state.indicator}>{state.indicator}</option>}
          {domainCodes.map((domain) => (
            <optgroup key={domain} label={domains[domain] ?? domain}>
              {(byDomain.get(domain) ?? []).map((item) => (
                <option key={item.code} value={item.code}>
                  {item.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>

      {indicator?.requiresSubstance && (
        <div className="field">
          <label htmlFor={ids.substance}>{t('web:explorer.substance')}</label>
          <select
            id={ids.substance}
            value={state.substance ?? ''}
            onChange={(e) => onChange({ substance: e.target.value || null })}
          >
            {!state.substance && <option value="">{t('web:explorer.chooseSubstance')}</option>}
            {(substances.data?.items ?? []).map((top) => (
              <optgroup key={top.code} label={top.name}>
                {substanceOptions([top]).map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ))}
            {!substances.data && state.substance && (
              <option value={state.substance}>{state.substance}</option>
            )}
          </select>
        </div>
      )}

      {dimensions.map((dimension) => {
        const id = `${ids.dims}-${dimension.dimension}`;
        const value = dimValue(state.dims, dimension.dimension) ?? '';
        const codelist = codelists.find((c) => c.code === dimension.codelist);
        const options =
          dimension.dimension === 'site'
            ? sites.map((s) => ({ code: s.code, name: `${s.name} (${s.country.name})` }))
            : (codelist?.codes ?? []).filter((c) => c.code !== '_T');
        const hasTotal = codelist?.codes.some((c) => c.code === '_T');
        const label =
          dimension.dimension === 'site' ? t('web:explorer.site') : (codelist?.name ?? dimension.dimension);
        return (
          <div className="field" key={dimension.dimension}>
            <label htmlFor={id}>{label}</label>
            <select
              id={id}
              value={value}
              onChange={(e) =>
                onChange({ dims: withDim(state.dims, dimension.dimension, e.target.value || null) })
              }
            >
              <option value="">
                {hasTotal
                  ? (codelist?.codes.find((c) => c.code === '_T')?.name ?? t('web:explorer.dimTotal'))
                  : indicator?.isAdditive
                    ? t('web:explorer.dimAll')
                    : t('web:explorer.dimChoose')}
              </option>
              {options.map((option) => (
                <option key={option.code} value={option.code}>
                  {option.name}
                </option>
              ))}
            </select>
          </div>
        );
      })}

      <fieldset className="year-range">
        <legend>{t('web:explorer.years')}</legend>
        <div className="field">
          <label htmlFor={ids.from}>{t('web:explorer.from')}</label>
          <select
            id={ids.from}
            value={state.from ?? ''}
            onChange={(e) => {
              const from = e.target.value ? Number(e.target.value) : null;
              onChange({ from, to: from !== null && state.to !== null && state.to < from ? from : state.to });
            }}
          >
            <option value="">{t('web:explorer.firstYear')}</option>
            {yearOptions.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.to}>{t('web:explorer.to')}</label>
          <select
            id={ids.to}
            value={state.to ?? ''}
            onChange={(e) => {
              const to = e.target.value ? Number(e.target.value) : null;
              onChange({ to, from: to !== null && state.from !== null && state.from > to ? to : state.from });
            }}
          >
            <option value="">{t('web:explorer.lastYear')}</option>
            {yearOptions.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
    </div>
  );
}
