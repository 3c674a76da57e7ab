import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Link } from './Link.tsx';
import { MainNav } from './MainNav.tsx';
import { UserMenu } from './UserMenu.tsx';

/** Site header: product name and tagline, language switch, account, main navigation. */
export function Header() {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="header-bar container">
        {/* The name contains the visible text (WCAG 2.5.3, label in name) and says where it leads. */}
        <Link
          to="/"
          className="brand"
          aria-label={t('web:brand.home', { name: t('common:appName'), tagline: t('common:tagline') })}
        >
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <circle cx="16" cy="16" r="14" fill="none" stroke="currentColor" strokeWidth="2.5" />
            <circle cx="16" cy="16" r="6" fill="currentColor" />
            <path d="M16 2v6M16 24v6M2 16h6M24 16h6" stroke="currentColor" strokeWidth="2.5" />
          </svg>
          <span className="brand-text">
            <span className="brand-name">{t('common:appName')}</span>{' '}
            <span className="brand-tagline">{t('common:tagline')}</span>
          </span>
        </Link>
        <div className="header-tools">
          <LanguageSwitch />
          <UserMenu />
        </div>
      </div>
      <div className="nav-bar">
        <div className="container">
          <MainNav />
        </div>
      </div>
    </header>
  );
}
