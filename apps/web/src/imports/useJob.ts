import { useEffect, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import { currentLanguage } from '../i18n/i18n.ts';
import type { Job } from './imports.types.ts';

const POLL_MS = 400;

export function jobFinished(job: Job | undefined): boolean {
  return job !== undefined && job.status !== 'queued' && job.status !== 'running';
}

/** Follows a background job: polls GET /jobs/:id until it has finished. */
export function useJob(jobId: number | null): { job: Job | undefined; error: ApiError | null } {
  const [job, setJob] = useState<Job | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    setJob(undefined);
    setError(null);
    if (jobId === null) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      api
        .get<Job>(`jobs/${jobId}`, { lang: currentLanguage(), signal: controller.signal })
        .then((next) => {
          setJob(next);
          if (!jobFinished(next)) timer = setTimeout(poll, POLL_MS);
        })
        .catch((reason: unknown) => {
          if (controller.signal.aborted) return;
          setError(reason instanceof ApiError ? reason : new ApiError(0, 'network', ''));
        });
    };
    poll();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [jobId]);

  return { job, error };
}
