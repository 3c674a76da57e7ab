import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.ts';
import { useErrorText } from '../api/useErrorText.ts';

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
