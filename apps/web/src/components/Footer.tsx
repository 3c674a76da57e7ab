import { useTranslation } from 'react-i18next';

/** Site footer: what this is, the licence, and the API documentation. */
export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container footer-inner">
        <div>
          <p>{t('web:footer.about')}</p>
          <p>{t('web:footer.licence')}</p>
        </div>
        <nav aria-label={t('web:footer.links')}>
          <ul>
            <li>
              <a href="/api/docs">{t('web:footer.apiDocs')}</a>
            </li>
            <li>
              <a href="/api/openapi.json">{t('web:footer.openApi')}</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
