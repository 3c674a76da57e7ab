import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import type { Job } from './imports.types.ts';

/** A job's phase and done / total as a progress bar, announced politely to screen readers. */
export function JobProgress({
  job,
  label,
  onCancel,
  cancelling,
}: {
  job: Job | undefined;
  label: string;
  onCancel?: () => void;
  cancelling?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const phase = job?.phase ?? 'queued';
  const phaseText = t(`web:imports.phase.${phase}`, { defaultValue: phase });
  const total = job?.total ?? null;
  const done = job?.done ?? 0;
  const running = !job || job.status === 'queued' || job.status === 'running';
  const text =
    total !== null && total > 0
      ? t('web:imports.progressOf', {
          phase: phaseText,
          done: formatNumber(lang, done),
          total: formatNumber(lang, total),
        })
      : phaseText;

  return (
    <div className="import-progress">
      <label className="import-progress-label" htmlFor="import-progress-bar">
        {label}
      </label>
      <progress
        id="import-progress-bar"
        max={total && total > 0 ? total : undefined}
        value={total && total > 0 ? Math.min(done, total) : undefined}
      />
      <p role="status" aria-live="polite" className="hint">
        {running ? text : t(`web:imports.jobStatus.${job.status}`)}
      </p>
      {onCancel && running && (
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={cancelling}>
          {t('web:imports.cancel')}
        </button>
      )}
    </div>
  );
}
