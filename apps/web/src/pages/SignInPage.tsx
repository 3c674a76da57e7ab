import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Link } from '../components/Link.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useLanguage } from '../i18n/useLanguage.ts';
import { navigate, useLocation } from '../router/router.ts';
import { useSession } from '../session/session.ts';

/** Only same-site paths are followed after sign-in (no open redirect via `?next=`). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && next !== '/sign-in' ? next : '/';
}

/** User name and password form; shows the server's (translated) reason when sign-in fails. */
export function SignInPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { user, signIn } = useSession();
  const { query } = useLocation();
  const usernameId = useId();
  const passwordId = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  // The message came in the previous language; drop it rather than show a mix of languages.
  useEffect(() => setError(null), [lang]);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      navigate(safeNext(query.get('next')));
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, 'network', ''));
      setPassword('');
      setBusy(false);
    }
  };

  if (user && !busy) {
    return (
      <>
        <PageHeader title={t('web:signIn.title')} />
        <p>{t('web:signIn.already', { name: user.displayName })}</p>
        <p>
          <Link to="/">{t('web:signIn.continue')}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('web:signIn.title')} intro={t('web:signIn.intro')} />
      <form className="form sign-in-form" onSubmit={(event) => void handleSubmit(event)}>
        {error && <ErrorMessage error={error} />}
        <div className="field">
          <label htmlFor={usernameId}>{t('web:signIn.username')}</label>
          <input
            id={usernameId}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={64}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>{t('web:signIn.password')}</label>
          <input
            id={passwordId}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={200}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('web:signIn.submitting') : t('web:signIn.submit')}
        </button>
      </form>
    </>
  );
}
