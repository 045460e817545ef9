/** E-mail as admins see it: the outbox and incoming mail waiting for triage (API.md "Mail"). */
import { request, withQuery } from './client';
import type { OutboxEntry, Page, TriageMail } from './types';

export function listOutbox(
  cursor: string | null, signal?: AbortSignal,
): Promise<Page<OutboxEntry>> {
  return request('GET', withQuery('/outbox', { cursor }), signal ? { signal } : {});
}

/** Queues a failed mail again; the server refuses (409) any mail that has not failed. */
export function retryOutboxMail(id: number): Promise<OutboxEntry> {
  return request('POST', `/outbox/${id}/retry`);
}

/** Mail waiting in triage, newest first; `cursor` is the previous page's nextCursor. */
export function listTriage(
  cursor: string | null, signal?: AbortSignal,
): Promise<Page<TriageMail>> {
  return request('GET', withQuery('/mail/triage', { cursor }), signal ? { signal } : {});
}

/** Opens a case from a mail in triage; the server refuses (409) a mail opened already. */
export function openTriageMail(id: number, departmentId: number): Promise<{ caseNo: number }> {
  return request('POST', `/mail/triage/${id}/case`, { body: { departmentId } });
}

/** Takes a mail out of triage; the same message delivered again is still not taken in. */
export function dismissTriageMail(id: number): Promise<void> {
  return request('DELETE', `/mail/triage/${id}`);
}
