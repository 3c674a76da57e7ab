import { createContext, useContext } from 'react';
import type { SessionUser } from '../api/types.ts';

export interface SessionState {
  /** `loading` until the first /auth/session answer. */
  status: 'loading' | 'ready';
  user: SessionUser | null;
  /** Signs in; rejects with an ApiError carrying the server's translated message. */
  signIn: (username: string, password: string) => Promise<SessionUser>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

/** The signed-in user (or null) and the sign-in/sign-out actions. */
export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a <SessionProvider> above it');
  return session;
}
