import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.ts';

/** The text to show for a failed call: the server's translated message, or ours when there was none. */
export function useErrorText(): (error: ApiError) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error.code === 'network') return t('web:errors.network');
    return error.message || t('web:errors.unexpected', { status: error.status });
  };
}

/** An error box announced to assistive technology, with an optional retry. */
export function ErrorMessage({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <div className="notice notice-error" role="alert">
      <p>{text(error)}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('web:retry')}
        </button>
      )}
    </div>
  );
}
