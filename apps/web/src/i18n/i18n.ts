import type { i18n as I18n } from 'i18next';
import { isLanguage, resolveLanguage, type Language } from '@observatory/shared';
import { createI18n } from '@observatory/shared/i18n';
import enWeb from '@observatory/shared/locales/en/web.json' with { type: 'json' };
import enDialogueWeb from '@observatory/shared/locales/en/dialogueWeb.json' with { type: 'json' };
import ruDialogueWeb from '@observatory/shared/locales/ru/dialogueWeb.json' with { type: 'json' };
import ruWeb from '@observatory/shared/locales/ru/web.json' with { type: 'json' };

const STORAGE_KEY = 'observatory.language';

function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    // Storage can be blocked (privacy settings); the browser language still applies.
    return null;
  }
}

/** The visitor's earlier choice, else the browser's preferred languages, else English. */
export function initialLanguage(): Language {
  const browser = navigator.languages?.length ? navigator.languages.join(',') : navigator.language;
  return storedLanguage() ?? resolveLanguage(null, browser);
}

/** The app's i18next instance: shared `common`/`errors` catalogues plus the `web` namespace. */
export const i18n: I18n = createI18n(initialLanguage(), {
  en: { web: enWeb, dialogueWeb: enDialogueWeb },
  ru: { web: ruWeb, dialogueWeb: ruDialogueWeb },
});

/** Reflects the language in `<html lang>` so that screen readers and hyphenation follow it. */
export function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
}

/** Switches the UI language and remembers the choice for the next visit. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted when storage is blocked; the switch still applies to this visit.
  }
  applyDocumentLanguage(language);
  await i18n.changeLanguage(language);
}

/** The current UI language as one of ours (i18next reports `string`). */
export function currentLanguage(instance: I18n = i18n): Language {
  return isLanguage(instance.language) ? instance.language : 'en';
}
