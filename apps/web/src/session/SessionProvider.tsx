import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from '../api/client.ts';
import type { Session, SessionUser } from '../api/types.ts';
import { currentLanguage } from '../i18n/i18n.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { SessionContext, type SessionState } from './session.ts';

/** Loads the session once (later changes come from signIn/signOut) and keeps the user and CSRF token in step with sign-in and sign-out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const lang = useLanguage();
  const [status, setStatus] = useState<SessionState['status']>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);

  const apply = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setUser(session.user);
    setStatus('ready');
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<Session>('auth/session', { lang: currentLanguage(), signal: controller.signal })
      .then(apply)
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        // Without an answer the visitor is treated as anonymous; pages show their own errors.
        console.warn('Could not load the session', error);
        setStatus('ready');
      });
    return () => controller.abort();
  }, [apply]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const session = await api.post<Session>('auth/login', { lang, body: { username, password } });
      apply(session);
      if (!session.user) throw new Error('The server signed in nobody');
      return session.user;
    },
    [apply, lang],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post<void>('auth/logout', { lang });
      apply({ user: null, csrfToken: null, expiresAt: null });
    } catch (error) {
      // Show what the server believes rather than pretend: the session may still be alive.
      apply(
        await api
          .get<Session>('auth/session', { lang })
          .catch(() => ({ user, csrfToken: null, expiresAt: null })),
      );
      throw error;
    }
  }, [apply, lang, user]);

  const value = useMemo<SessionState>(
    () => ({ status, user, signIn, signOut }),
    [status, user, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
