import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@observatory/shared';
import { changeLanguage } from '../i18n/i18n.ts';
import { useLanguage } from '../i18n/useLanguage.ts';

const SHORT: Record<Language, string> = { en: 'EN', ru: 'RU' };

/**
 * EN | RU toggle. Each button is named "EN – English" / "RU – Русский": the visible code comes
 * first (WCAG label-in-name) and the language name is spoken in its own language.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = useLanguage();
  const names: Record<Language, string> = { en: t('web:language.en'), ru: t('web:language.ru') };

  return (
    <div className="language-switch" role="group" aria-label={t('web:language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={language === current}
          aria-label={`${SHORT[language]} – ${names[language]}`}
          title={names[language]}
          onClick={() => void changeLanguage(language)}
        >
          {SHORT[language]}
        </button>
      ))}
    </div>
  );
}
