/** Accounts and sign-in (API.md "Accounts and sign-in"). */
import { request } from './client';
import type { AccountRef, Me, Staff } from './types';

export interface SignupInput {
  accountName: string;
  accountSlug?: string;
  adminName: string;
  adminEmail: string;
  password: string;
  defaultRegion?: string;
  timezone?: string;
}

export function signup(input: SignupInput): Promise<{ account: AccountRef; user: Staff }> {
  return request('POST', '/signup', { body: input });
}

export interface LoginInput {
  /** The account's slug. */
  account: string;
  email: string;
  password: string;
}

export function login(input: LoginInput): Promise<{ user: Staff }> {
  return request('POST', '/auth/login', { body: input, expectUnauthenticated: true });
}

export function logout(): Promise<void> {
  return request('POST', '/auth/logout', { expectUnauthenticated: true });
}

/** Who is signed in; a 401 here is an answer ("nobody"), not a session that ended. */
export function getMe(signal?: AbortSignal): Promise<Me> {
  return request('GET', '/me', { expectUnauthenticated: true, ...(signal && { signal }) });
}

export interface PasswordChangeInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * The member's own new password. The server signs out their other sessions and
 * revokes their API tokens; this session stays signed in. A wrong current
 * password is a 400 naming currentPassword, never a 401.
 */
export function changePassword(input: PasswordChangeInput): Promise<void> {
  return request('POST', '/me/password', { body: input });
}
