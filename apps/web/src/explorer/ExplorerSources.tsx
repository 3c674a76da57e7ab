import { useTranslation } from 'react-i18next';
import type { IndicatorDetail, Measure, SourceRef } from '../api/types.ts';

export interface ExplorerSourcesProps {
  indicator: IndicatorDetail;
  unitLabel: string;
  sources: SourceRef[];
  measure: Measure;
  index: boolean;
  hasGroups: boolean;
  /** How the server picks one value when several sources report the same figure. */
  preferenceRule: string | null;
}

/** Where the numbers come from and how they were computed. */
export function ExplorerSources({
  indicator,
  unitLabel,
  sources,
  measure,
  index,
  hasGroups,
  preferenceRule,
}: ExplorerSourcesProps) {
  const { t } = useTranslation();
  const none = t('web:notAvailable');

  return (
    <div className="explorer-sources">
      <h3>{indicator.name}</h3>
      {indicator.description && <p>{indicator.description}</p>}
      <dl className="definition-list">
        <div>
          <dt>{t('web:explorer.sources.unit')}</dt>
          <dd>{unitLabel}</dd>
        </div>
        <div>
          <dt>{t('web:explorer.sources.protocol')}</dt>
          <dd>{indicator.protocol ?? none}</dd>
        </div>
        <div>
          <dt>{t('web:explorer.sources.comparability')}</dt>
          <dd>{indicator.comparability ?? t('web:explorer.sources.noComparabilityNote')}</dd>
        </div>
      </dl>

      <h3>{t('web:explorer.sources.dataSources', { count: sources.length })}</h3>
      {sources.length === 0 ? (
        <p>{t('web:explorer.sources.none')}</p>
      ) : (
        <ul className="source-list">
          {sources.map((source) => (
            <li key={source.code}>
              <span className="source-publisher">{source.publisher}</span>{' '}
              {source.url ? (
                <a href={source.url} rel="noreferrer">
                  {source.title}
                </a>
              ) : (
                source.title
              )}
              <span className="secondary">
                {[source.table, source.year].filter((part) => part !== null && part !== '').join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('web:explorer.sources.method')}</h3>
      <ul className="method-list">
        {preferenceRule && <li>{preferenceRule}</li>}
        <li>{t('web:explorer.sources.methodGaps')}</li>
        {measure === 'per_capita' && <li>{t('web:explorer.sources.methodPerCapita')}</li>}
        {hasGroups && <li>{t('web:explorer.sources.methodGroups')}</li>}
        {index && <li>{t('web:explorer.sources.methodIndex')}</li>}
        <li>{t('web:explorer.sources.methodDownloads')}</li>
      </ul>
    </div>
  );
}
