import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { COUNT_KEYS } from './imports.types.ts';

/** An import's counts (rows, inserted, updated, …) with its error and warning totals. */
export function ImportCounts({
  counts,
  errors,
  warnings,
}: {
  counts: Record<string, number>;
  errors: number;
  warnings: number;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <dl className="import-counts">
      {COUNT_KEYS.filter((key) => counts[key] !== undefined).map((key) => (
        <div key={key}>
          <dt>{t(`web:imports.counts.${key}`)}</dt>
          <dd>{formatNumber(lang, counts[key]!)}</dd>
        </div>
      ))}
      <div className={errors > 0 ? 'count-bad' : undefined}>
        <dt>{t('web:imports.counts.errors')}</dt>
        <dd>{formatNumber(lang, errors)}</dd>
      </div>
      <div>
        <dt>{t('web:imports.counts.warnings')}</dt>
        <dd>{formatNumber(lang, warnings)}</dd>
      </div>
    </dl>
  );
}
