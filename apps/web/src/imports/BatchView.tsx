import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { useSession } from '../session/session.ts';
import { ImportCounts } from './ImportCounts.tsx';
import type { ImportBatch, ImportJobResult } from './imports.types.ts';
import { IssuesTable } from './IssuesTable.tsx';
import { JobProgress } from './JobProgress.tsx';
import { StepHeading } from './StepHeading.tsx';
import { jobFinished, useJob } from './useJob.ts';

/** Who started a batch: the signed-in user by name, anyone else by account number. */
/** Who started a batch: the user's display name; a deleted user (no id, no name) as a dash. */
export function useWho(): (batch: Pick<ImportBatch, 'createdBy' | 'createdByName'>) => string {
  const { t } = useTranslation();
  const { user } = useSession();
  return ({ createdBy: id, createdByName: name }) =>
    name ?? (id === null ? '—' : id === user?.id ? user.displayName : t('web:imports.userId', { id }));
}

/**
 * One import batch: what was imported, its counts and validation report; a checked dry run can be
 * committed (with a live progress bar), a committed batch rolled back.
 */
export function BatchView({ batchId, heading }: { batchId: number; heading: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const who = useWho();
  const { data: batch, error, reload } = useApi<ImportBatch>(`imports/${batchId}`);
  const [commitJobId, setCommitJobId] = useState<number | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const commit = useJob(commitJobId);
  const [cancelling, setCancelling] = useState(false);

  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (!batch) return <Loading />;

  const canCommit = batch.dryRun && batch.status === 'checked' && batch.errorCount === 0;
  const startCommit = async () => {
    setBusy(true);
    setActionError(null);
    try {
      const { jobId } = await api.post<{ jobId: number }>(`imports/${batch.id}/commit`, {
        lang,
        body: { wait: false },
      });
      setCommitJobId(jobId);
    } catch (reason) {
      setActionError(reason instanceof ApiError ? reason : new ApiError(0, 'network', ''));
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    if (commitJobId === null) return;
    setCancelling(true);
    await api.post(`jobs/${commitJobId}/cancel`, { lang }).catch((reason: unknown) => {
      if (reason instanceof ApiError) setActionError(reason);
    });
    setCancelling(false);
  };
  const result = jobFinished(commit.job) ? (commit.job!.result as ImportJobResult | null) : null;

  return (
    <section className="import-batch" aria-labelledby={`batch-${batch.id}-heading`}>
      <div id={`batch-${batch.id}-heading`}>
        <StepHeading>{heading}</StepHeading>
      </div>
      <dl className="definition-list import-meta">
        <div>
          <dt>{t('web:imports.batch')}</dt>
          <dd>{batch.id}</dd>
        </div>
        <div>
          <dt>{t('web:imports.file')}</dt>
          <dd>{batch.file.name}</dd>
        </div>
        <div>
          <dt>{t('web:imports.spec')}</dt>
          <dd>
            <code>
              {batch.spec.name} v{batch.spec.version}
            </code>
          </dd>
        </div>
        <div>
          <dt>{t('web:imports.mode')}</dt>
          <dd>{batch.dryRun ? t('web:imports.dryRun') : t('web:imports.realRun')}</dd>
        </div>
        <div>
          <dt>{t('web:imports.status')}</dt>
          <dd>
            <span className={`import-status import-status-${batch.status}`}>{batch.statusText}</span>
          </dd>
        </div>
        <div>
          <dt>{t('web:imports.who')}</dt>
          <dd>{who(batch)}</dd>
        </div>
        <div>
          <dt>{t('web:imports.when')}</dt>
          <dd>{formatDateTime(lang, batch.createdAt)}</dd>
        </div>
        {batch.rolledBackAt && (
          <div>
            <dt>{t('web:imports.rolledBackAt')}</dt>
            <dd>{formatDateTime(lang, batch.rolledBackAt)}</dd>
          </div>
        )}
      </dl>
      <ImportCounts counts={batch.counts} errors={batch.errorCount} warnings={batch.warningCount} />

      {batch.dryRun &&
        commitJobId === null &&
        (batch.status === 'checked' || batch.status === 'rejected') && (
          <div className="import-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={!canCommit || busy}
              aria-describedby={canCommit ? undefined : `batch-${batch.id}-blocked`}
              onClick={() => void startCommit()}
            >
              {t('web:imports.commit')}
            </button>
            {!canCommit && (
              <p id={`batch-${batch.id}-blocked`} className="hint commit-blocked">
                {t('web:imports.commitBlocked', { count: batch.errorCount })}
              </p>
            )}
            {canCommit && batch.warningCount > 0 && (
              <p className="hint">{t('web:imports.warningsDoNotBlock', { count: batch.warningCount })}</p>
            )}
          </div>
        )}
      {actionError && <ErrorMessage error={actionError} />}
      {commitJobId !== null && !result && (
        <>
          {commit.error ? (
            <ErrorMessage error={commit.error} />
          ) : (
            <JobProgress
              job={commit.job}
              label={t('web:imports.committing')}
              onCancel={() => void cancel()}
              cancelling={cancelling}
            />
          )}
        </>
      )}
      {commit.job && jobFinished(commit.job) && (
        <>
          {commit.job.status !== 'succeeded' && (
            <p className="notice notice-error" role="alert">
              {t(`web:imports.jobStatus.${commit.job.status}`)}
            </p>
          )}
          {result?.batchId != null && (
            <BatchView batchId={result.batchId} heading={t('web:imports.commitResult')} />
          )}
        </>
      )}

      {!batch.dryRun && batch.status === 'committed' && <RollbackForm batch={batch} onDone={reload} />}

      {commitJobId === null && <IssuesTable batchId={batch.id} />}
    </section>
  );
}

function RollbackForm({ batch, onDone }: { batch: ImportBatch; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`imports/${batch.id}/rollback`, { lang, body: { reason } });
      onDone();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, 'network', ''));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form import-rollback" onSubmit={(event) => void submit(event)}>
      <h3>{t('web:imports.rollback.title')}</h3>
      <div className="field">
        <label htmlFor={id}>{t('web:imports.rollback.reason')}</label>
        <textarea
          id={id}
          required
          minLength={3}
          maxLength={500}
          rows={2}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="hint">
          {t('web:imports.rollback.hint')}
        </p>
      </div>
      {error && <ErrorMessage error={error} />}
      <button type="submit" className="button button-secondary" disabled={busy || reason.trim().length < 3}>
        {t('web:imports.rollback.submit')}
      </button>
    </form>
  );
}

/** A link to a batch's detail view. */
export function BatchLink({ id, label, children }: { id: number; label: string; children: ReactNode }) {
  return (
    <Link to={`/imports?batch=${id}`} aria-label={label}>
      {children}
    </Link>
  );
}
