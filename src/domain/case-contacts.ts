/**
 * A case's contact e-mail is always one of its customer's addresses. When the
 * profile loses an address, every case that wrote to it moves to the first
 * address left (or to none), with a history entry, so no later mail goes to
 * an address the customer asked to drop.
 */
import type { Db } from '../storage/database.js';
import { listCaseContacts, setCaseContactEmail } from '../storage/cases.js';
import { insertHistory } from '../storage/history.js';
import type { Viewer } from './access.js';
import { actorOf } from './actors.js';

export async function followCustomerEmails(
  trx: Db, viewer: Viewer, customerId: number, emails: string[],
): Promise<void> {
  const kept = new Set(emails.map((e) => e.toLowerCase()));
  for (const c of await listCaseContacts(trx, viewer.accountId, customerId)) {
    if (c.contact_email === null || kept.has(c.contact_email.toLowerCase())) continue;
    const to = emails[0] ?? null;
    await setCaseContactEmail(trx, viewer.accountId, c.id, to);
    await insertHistory(trx, viewer.accountId, c.id, {
      type: 'contact_email_changed', actor: actorOf(viewer),
      details: { to, reason: 'customer_emails_changed' },
    });
  }
}
