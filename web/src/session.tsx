/**
 * The signed-in staff member, shared with every page. Only pages behind
 * sign-in read it, so useSession() may assume someone is there.
 */
import { createContext, useContext } from 'react';
import type { AccountRef, Me, Staff } from './api/types';

export interface Session {
  me: Me;
  /** From GET /me; '' when the server did not name the account. */
  accountName: string;
  signOut: () => Promise<void>;
  /** After an admin renames the account, so the top bar follows. */
  accountRenamed: (account: { slug: string; name: string }) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside a signed-in page');
  return session;
}

/**
 * What the public pages (sign-in, sign-up) call once the server set the cookie:
 * the slug used, and the account when the answer named it (sign-up does).
 */
export type SignedIn = (user: Staff, slug: string, account: AccountRef | null) => void;
