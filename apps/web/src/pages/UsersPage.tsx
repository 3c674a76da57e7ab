import { useTranslation } from 'react-i18next';
import type { User } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { useSession } from '../session/session.ts';

/** User accounts with their roles (administrators only; the API enforces the same rule). */
export function UsersPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { status, user } = useSession();
  const isAdmin = user?.role === 'admin';
  const { data, error, loading, reload } = useApi<{ items: User[] }>(isAdmin ? 'users' : null);

  let body;
  if (status === 'loading') {
    body = <Loading />;
  } else if (!user) {
    body = (
      <div className="notice">
        <p>{t('web:users.needSignIn')}</p>
        <Link to="/sign-in?next=%2Fusers" className="button button-primary">
          {t('web:account.signIn')}
        </Link>
      </div>
    );
  } else if (!isAdmin) {
    body = <p className="notice">{t('web:users.forbidden')}</p>;
  } else if (error) {
    body = <ErrorMessage error={error} onRetry={reload} />;
  } else if (!data) {
    body = loading ? <Loading /> : null;
  } else {
    body = (
      <>
        <p className="result-count" role="status">
          {t('web:users.count', { count: data.items.length })}
        </p>
        <div className="table-wrap" aria-busy={loading}>
          <table className="data-table">
            <caption className="visually-hidden">{t('web:users.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web:users.username')}</th>
                <th scope="col">{t('web:users.displayName')}</th>
                <th scope="col">{t('web:users.role')}</th>
                <th scope="col">{t('web:users.status')}</th>
                <th scope="col">{t('web:users.lastLogin')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((account) => (
                <tr key={account.id}>
                  <th scope="row">
                    <code>{account.username}</code>
                  </th>
                  <td>{account.displayName}</td>
                  <td>
                    <span className={`role-badge role-${account.role}`}>
                      {t(`common:role.${account.role}`)}
                    </span>
                  </td>
                  <td>{account.disabled ? t('web:users.disabled') : t('web:users.active')}</td>
                  <td>
                    {account.lastLoginAt ? formatDateTime(lang, account.lastLoginAt) : t('web:users.never')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('web:users.title')} intro={t('web:users.intro')} />
      {body}
    </>
  );
}
