import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, useLocation } from '../router/router.ts';
import { useSession } from '../session/session.ts';
import { Link } from './Link.tsx';

/** "Sign in" for visitors; for signed-in users a disclosure menu with their role and sign-out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { status, user, signOut } = useSession();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // Close on navigation, on Escape (focus back to the button) and on a click elsewhere.
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  if (status === 'loading') return <div className="user-menu" aria-hidden="true" />;

  if (!user) {
    const next = pathname === '/sign-in' ? '' : `?next=${encodeURIComponent(pathname)}`;
    return (
      <div className="user-menu">
        <Link to={`/sign-in${next}`} className="button button-secondary">
          {t('web:account.signIn')}
        </Link>
      </div>
    );
  }

  const handleSignOut = async () => {
    setBusy(true);
    try {
      await signOut();
      navigate('/');
    } catch (error) {
      console.warn('Signing out failed', error);
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="user-avatar" aria-hidden="true">
          {user.displayName.trim().charAt(0).toUpperCase() || '?'}
        </span>
        <span className="user-name">{user.displayName}</span>
        <span className="chevron" aria-hidden="true" />
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <p className="user-menu-who">
          {t('web:account.signedInAs')} <strong>{user.username}</strong>
          <br />
          <span className="role-badge">{t(`common:role.${user.role}`)}</span>
        </p>
        <ul>
          {user.role === 'admin' && (
            <li>
              <Link to="/users">{t('web:account.users')}</Link>
            </li>
          )}
          <li>
            <button
              type="button"
              className="link-button"
              onClick={() => void handleSignOut()}
              disabled={busy}
            >
              {busy ? t('web:account.signingOut') : t('web:account.signOut')}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
