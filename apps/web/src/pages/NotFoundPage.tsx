import { useTranslation } from 'react-i18next';
import { Link } from '../components/Link.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useLocation } from '../router/router.ts';

/** Shown for client routes that do not exist. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title={t('web:notFound.title')} />
      <p>{t('web:notFound.body', { path: pathname })}</p>
      <p>
        <Link to="/">{t('web:notFound.home')}</Link>
      </p>
    </>
  );
}
