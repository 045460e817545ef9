/**
 * The customer portal (API.md "Customer portal"). The portal has its own
 * cookie, set by the server on pairing or sign-in; a 401 from these calls
 * means the customer is not signed in, and the portal shell sends them to
 * /portal (see PortalApp).
 */
import { request } from './client';
import type { Page, PortalCase, PortalMessage } from './types';

export type PairInput = { token: string } | { account: string; caseNo: number; code: string };

/**
 * Pairs with a case by the mailed link's token or by account, Case # and code;
 * answers the customer's cases and the Case # just paired.
 */
export function pair(input: PairInput): Promise<{ cases: PortalCase[]; pairedCaseNo: number }> {
  return request<{ cases: PortalCase[]; pairedCaseNo: number }>('POST', '/portal/pair',
    { body: input, expectUnauthenticated: true });
}

/** Answers alike (202) whether or not the address follows cases, so it tells no one. */
export function requestSignInLink(input: { account: string; email: string }): Promise<void> {
  return request('POST', '/portal/login', { body: input, expectUnauthenticated: true });
}

/** Signs in with the token of a mailed sign-in link. */
export async function startSession(token: string): Promise<PortalCase[]> {
  const answer = await request<{ cases: PortalCase[] }>('POST', '/portal/session',
    { body: { token }, expectUnauthenticated: true });
  return answer.cases;
}

/** The customer's cases; `quiet` makes a 401 an answer ("not signed in") rather than an exit. */
export async function listPortalCases(
  signal?: AbortSignal, quiet = false,
): Promise<PortalCase[]> {
  const page = await request<Page<PortalCase>>('GET', '/portal/cases',
    { expectUnauthenticated: quiet, ...(signal && { signal }) });
  return page.items;
}

export function getPortalCase(caseNo: number, signal?: AbortSignal): Promise<PortalCase> {
  return request('GET', `/portal/cases/${caseNo}`, signal ? { signal } : {});
}

export function replyInPortal(caseNo: number, body: string): Promise<PortalMessage> {
  return request('POST', `/portal/cases/${caseNo}/messages`, { body: { body } });
}

export function portalLogout(): Promise<void> {
  return request('POST', '/portal/logout', { expectUnauthenticated: true });
}
