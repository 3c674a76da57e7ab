import i18next, { type i18n, type TFunction } from 'i18next';
import enAnalytics from '../locales/en/analytics.json' with { type: 'json' };
import enCommon from '../locales/en/common.json' with { type: 'json' };
import enErrors from '../locales/en/errors.json' with { type: 'json' };
import enExports from '../locales/en/exports.json' with { type: 'json' };
import enFiles from '../locales/en/files.json' with { type: 'json' };
import enImports from '../locales/en/imports.json' with { type: 'json' };
import enSites from '../locales/en/sites.json' with { type: 'json' };
import enEvents from '../locales/en/events.json' with { type: 'json' };
import enSignals from '../locales/en/signals.json' with { type: 'json' };
import enStrategies from '../locales/en/strategies.json' with { type: 'json' };
import enReports from '../locales/en/reports.json' with { type: 'json' };
import enDialogues from '../locales/en/dialogues.json' with { type: 'json' };
import ruAnalytics from '../locales/ru/analytics.json' with { type: 'json' };
import ruCommon from '../locales/ru/common.json' with { type: 'json' };
import ruErrors from '../locales/ru/errors.json' with { type: 'json' };
import ruExports from '../locales/ru/exports.json' with { type: 'json' };
import ruFiles from '../locales/ru/files.json' with { type: 'json' };
import ruImports from '../locales/ru/imports.json' with { type: 'json' };
import ruSites from '../locales/ru/sites.json' with { type: 'json' };
import ruEvents from '../locales/ru/events.json' with { type: 'json' };
import ruSignals from '../locales/ru/signals.json' with { type: 'json' };
import ruStrategies from '../locales/ru/strategies.json' with { type: 'json' };
import ruReports from '../locales/ru/reports.json' with { type: 'json' };
import ruDialogues from '../locales/ru/dialogues.json' with { type: 'json' };
import { LANGUAGES, type Language } from '../domain/locale.ts';

/** Catalogues shared by server and web. The web app adds its own `web` namespace. */
export const sharedResources = {
  en: {
    common: enCommon,
    errors: enErrors,
    files: enFiles,
    imports: enImports,
    exports: enExports,
    sites: enSites,
    events: enEvents,
    signals: enSignals,
    strategies: enStrategies,
    reports: enReports,
    dialogues: enDialogues,
    analytics: enAnalytics,
  },
  ru: {
    common: ruCommon,
    errors: ruErrors,
    files: ruFiles,
    imports: ruImports,
    exports: ruExports,
    sites: ruSites,
    events: ruEvents,
    signals: ruSignals,
    strategies: ruStrategies,
    reports: ruReports,
    dialogues: ruDialogues,
    analytics: ruAnalytics,
  },
} as const;

export type Translate = TFunction;

/**
 * A ready i18next instance with both languages loaded synchronously. Plural forms follow
 * Intl.PluralRules (`_one/_few/_many/_other` in Russian).
 */
export function createI18n(
  language: Language,
  extra?: Partial<Record<Language, Record<string, object>>>,
): i18n {
  const instance = i18next.createInstance();
  const resources: Record<string, Record<string, object>> = {};
  for (const lang of LANGUAGES) resources[lang] = { ...sharedResources[lang], ...(extra?.[lang] ?? {}) };
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(resources.en ?? {}),
    defaultNS: 'common',
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

const cache = new Map<Language, i18n>();

/** A translate function for one language, built once and reused (server side). */
export function translator(language: Language): TFunction {
  let instance = cache.get(language);
  if (!instance) {
    instance = createI18n(language);
    cache.set(language, instance);
  }
  return instance.t.bind(instance);
}
