import type enCommon from '@observatory/shared/locales/en/common.json';
import type enErrors from '@observatory/shared/locales/en/errors.json';
import type enWeb from '@observatory/shared/locales/en/web.json';
import type enDialogueWeb from '@observatory/shared/locales/en/dialogueWeb.json';

// Typed keys: `t('web:nav.overview')` is checked against the English catalogue at build time.
// Listing every namespace as "default" lets `useTranslation()` accept `ns:key` for each of them;
// at run time the default stays `common` (the first).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: ['common', 'web', 'errors', 'dialogueWeb'];
    resources: {
      common: typeof enCommon;
      errors: typeof enErrors;
      web: typeof enWeb;
      dialogueWeb: typeof enDialogueWeb;
    };
  }
}
