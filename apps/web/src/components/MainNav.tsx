import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session.ts';
import { Link } from './Link.tsx';

/** The primary navigation; the current page is marked with aria-current. */
export function MainNav() {
  const { t } = useTranslation();
  const { user } = useSession();
  const canImport = user?.role === 'editor' || user?.role === 'admin';
  return (
    <nav className="main-nav" aria-label={t('web:nav.label')}>
      <ul>
        <li>
          <Link to="/" markCurrent>
            {t('web:nav.overview')}
          </Link>
        </li>
        <li>
          <Link to="/explorer" markCurrent>
            {t('web:nav.explorer')}
          </Link>
        </li>
        <li>
          <Link to="/countries" markCurrent>
            {t('web:nav.countries')}
          </Link>
        </li>
        <li>
          <Link to="/indicators" markCurrent>
            {t('web:nav.indicators')}
          </Link>
        </li>
        <li>
          <Link to="/sources" markCurrent>
            {t('web:nav.sources')}
          </Link>
        </li>
        <li>
          <Link to="/dialogue" markCurrent>
            {t('dialogueWeb:nav.dialogue')}
          </Link>
        </li>
        <li>
          <Link to="/strategies" markCurrent>
            {t('dialogueWeb:nav.strategies')}
          </Link>
        </li>
        {canImport && (
          <li>
            <Link to="/imports" markCurrent>
              {t('web:nav.imports')}
            </Link>
          </li>
        )}
        <li>
          {/* Served by the API server, outside the single-page app: a plain link. */}
          <a href="/api/docs">{t('web:nav.apiDocs')}</a>
        </li>
      </ul>
    </nav>
  );
}
