import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { BatchView } from '../imports/BatchView.tsx';
import { ImportHistory } from '../imports/ImportHistory.tsx';
import { NewImport } from '../imports/NewImport.tsx';
import { navigate, useLocation } from '../router/router.ts';
import { useSession } from '../session/session.ts';

/**
 * Imports (editors and administrators): a new import with preview, dry run, report and commit
 * (`/imports`), the history (`?view=history`) and one batch with its report and rollback (`?batch=`).
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const { status, user } = useSession();
  const { query } = useLocation();
  const batch = Number(query.get('batch'));
  const view =
    Number.isInteger(batch) && batch > 0 ? 'batch' : query.get('view') === 'history' ? 'history' : 'new';
  const signedOut = status === 'ready' && !user;

  useEffect(() => {
    if (signedOut) {
      const here = window.location.pathname + window.location.search;
      navigate(`/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
    }
  }, [signedOut]);

  let body;
  if (status === 'loading' || !user) body = <Loading />;
  else if (user.role !== 'editor' && user.role !== 'admin')
    body = <p className="notice">{t('web:imports.forbidden')}</p>;
  else
    body = (
      <>
        <nav className="sub-nav" aria-label={t('web:imports.sections')}>
          <ul>
            <li>
              <Link to="/imports" aria-current={view === 'new' ? 'page' : undefined}>
                {t('web:imports.new.title')}
              </Link>
            </li>
            <li>
              <Link to="/imports?view=history" aria-current={view === 'history' ? 'page' : undefined}>
                {t('web:imports.history.title')}
              </Link>
            </li>
            <li>
              <a href="/api/v1/import-template.xlsx" download>
                {t('web:imports.template')}
              </a>
            </li>
          </ul>
        </nav>
        {view === 'new' && <NewImport />}
        {view === 'history' && <ImportHistory />}
        {view === 'batch' && (
          <BatchView key={batch} batchId={batch} heading={t('web:imports.batchTitle', { id: batch })} />
        )}
      </>
    );

  return (
    <>
      <PageHeader title={t('web:imports.title')} intro={t('web:imports.intro')} />
      {body}
    </>
  );
}
