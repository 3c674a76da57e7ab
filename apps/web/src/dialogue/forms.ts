import { useCallback, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import { currentLanguage } from '../i18n/i18n.ts';

export type Method = 'post' | 'put' | 'patch' | 'delete';

/** Sends a write in the UI language (the server answers with messages in it). */
export function send<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return api[method]<T>(path, { lang: currentLanguage(), ...(body !== undefined ? { body } : {}) });
}

/** A field name from an error detail's `param` (`body.endDate`, `endDate`, `content.en.title`). */
export function fieldOf(param: string | undefined): string {
  if (!param) return '';
  return param.replace(/^body\./, '');
}

export interface FormState {
  busy: boolean;
  /** The whole error (shown above the form) when the server refused the request. */
  error: ApiError | null;
  /** Located messages, keyed by field name. */
  fieldErrors: Record<string, string>;
  /**
   * Runs a request; on failure keeps the error and its located messages, and resolves to
   * undefined. On success clears them and resolves to the answer.
   */
  run: <T>(request: () => Promise<T>) => Promise<T | undefined>;
  clear: () => void;
}

/** Busy flag and the server's located errors of one form. */
export function useForm(): FormState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const run = useCallback(async <T>(request: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    try {
      const result = await request();
      setError(null);
      setFieldErrors({});
      return result;
    } catch (reason) {
      const failure = reason instanceof ApiError ? reason : new ApiError(0, 'network', '');
      setError(failure);
      const located: Record<string, string> = {};
      for (const detail of failure.details) {
        const field = fieldOf(detail.param);
        if (field && detail.message && !located[field]) located[field] = detail.message;
      }
      setFieldErrors(located);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  const clear = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);

  return { busy, error, fieldErrors, run, clear };
}

/**
 * Deletes one record (DELETE `path`) through `form` (its busy flag and error); resolves to true
 * when it is gone.
 */
export async function removeRecord(form: FormState, path: string): Promise<boolean> {
  // A 204 answer has no body: resolve to true so that success is told from failure.
  const done = await form.run(async () => {
    await send('delete', path);
    return true;
  });
  return done === true;
}
