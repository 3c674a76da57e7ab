import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';

interface PagerProps {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  /** Accessible name of the navigation (what is paged). */
  label: string;
}

/** Previous / "page N of M" / next; nothing when everything fits on one page. */
export function Pager({ page, pages, onPage, label }: PagerProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button button-secondary"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {t('web:imports.previous')}
      </button>
      <span>
        {t('web:imports.pageOf', { page: formatNumber(lang, page), pages: formatNumber(lang, pages) })}
      </span>
      <button
        type="button"
        className="button button-secondary"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t('web:imports.next')}
      </button>
    </nav>
  );
}
