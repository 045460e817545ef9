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

export async function listTriage(signal?: AbortSignal): Promise<TriageMail[]> {
  const page = await request<Page<TriageMail>>('GET', '/mail/triage',
    signal ? { signal } : {});
  return page.items;
}
