import { useCallback, useEffect, useState } from 'react';
import { useLanguage } from '../i18n/useLanguage.ts';
import { ApiError, api, type QueryValue } from './client.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | null;
  /** True while a request is in flight; `data` keeps the previous answer meanwhile. */
  loading: boolean;
  reload: () => void;
}

/**
 * GETs an API path in the current UI language and re-fetches when the path, the query or the
 * language changes. A `null` path fetches nothing (e.g. before the user is known).
 */
export function useApi<T>(path: string | null, query: Record<string, QueryValue> = {}): ApiState<T> {
  const lang = useLanguage();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [attempt, setAttempt] = useState(0);
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    api
      .get<T>(path, {
        lang,
        query: JSON.parse(queryKey) as Record<string, QueryValue>,
        signal: controller.signal,
      })
      .then((result) => {
        setData(result);
        setError(null);
        setLoading(false);
      })
      .catch((reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(reason instanceof ApiError ? reason : new ApiError(0, 'network', ''));
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, queryKey, lang, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload };
}
