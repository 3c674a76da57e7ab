import { useTranslation } from 'react-i18next';
import type { Language } from '@observatory/shared';
import { currentLanguage } from './i18n.ts';

/** The current UI language; components re-render when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return currentLanguage(i18n);
}
