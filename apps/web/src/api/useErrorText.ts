import { useTranslation } from 'react-i18next';
import type { ApiError } from './client.ts';

/** The text to show for a failed call: the server's translated message, or ours when there was none. */
export function useErrorText(): (error: ApiError) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error.code === 'network') return t('web:errors.network');
    return error.message || t('web:errors.unexpected', { status: error.status });
  };
}
