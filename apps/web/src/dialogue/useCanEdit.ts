import { useSession } from '../session/session.ts';

/** Editors (and admins, who are editors too) may write dialogue records. */
export function useCanEdit(): boolean {
  const { user } = useSession();
  return user?.role === 'editor' || user?.role === 'admin';
}
