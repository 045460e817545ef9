/**
 * Triage: mail for the account that joined no case (inbound-mail.ts), as admins
 * read and settle it. An admin opens a case from a mail, its sender as the
 * customer and its text as the first public message, or dismisses it. Either
 * way the row stays, `opened` or `dismissed`: it is how a second delivery of the
 * same Message-ID is recognised and not taken in again.
 */
import { findCaseById } from '../storage/cases.js';
import { loadCustomer } from '../storage/customers.js';
import type { Db } from '../storage/database.js';
import { findInboundMail, listTriage, settleTriageMail } from '../storage/inbound-mail.js';
import type { InboundMailRow } from '../storage/schema-mail.js';
import { assertAdmin, type Viewer } from './access.js';
import { startCase } from './cases.js';
import { createCustomer, customerIdsMatching } from './customers.js';
import { requireDepartment } from './departments.js';
import { ConflictError, NotFoundError } from './errors.js';
import { mailAuthorName } from './inbound-mail.js';
import { isEmailAddress, LIMITS } from './limits.js';
import type { Customer } from './types.js';

export interface TriageEntry {
  id: number; from: string | null; fromName: string | null; subject: string; body: string;
  reason: string; receivedAt: string;
}

/** As the web app shows a mail without a subject, so the two read the same. */
const NO_SUBJECT = '(no subject)';
/** A case's first message must have text; a mail may have none (an HTML-only bounce). */
const NO_TEXT = '(The e-mail had no text.)';

/** Newest first; the cursor is the id of the last mail of the page before. */
export async function triageOf(
  db: Db, viewer: Viewer, o: { limit: number; cursor?: number | undefined },
): Promise<{ items: TriageEntry[]; nextCursor: string | null }> {
  assertAdmin(viewer);
  const rows = await listTriage(db, viewer.accountId, {
    limit: o.limit + 1, beforeId: o.cursor,
  });
  const page = rows.slice(0, o.limit);
  return {
    items: page.map(toEntry),
    nextCursor: rows.length > o.limit ? String(page[page.length - 1]!.id) : null,
  };
}

/**
 * Opens a case from a mail in triage, in one transaction: the subject from the mail,
 * the department given (else the admin's own), and as customer the one customer with
 * the sender's address, else a new one. The case's history says where it came from.
 */
export async function openCaseFromTriage(
  db: Db, viewer: Viewer, id: number, input: { departmentId?: number | undefined },
): Promise<{ caseNo: number }> {
  assertAdmin(viewer);
  return db.transaction().execute(async (trx) => {
    const mail = await requireTriageMail(trx, viewer.accountId, id);
    const departmentId = input.departmentId === undefined ? viewer.departmentId
      : (await requireDepartment(trx, viewer.accountId, input.departmentId, 'departmentId')).id;
    const customer = await customerOfSender(trx, viewer, mail);
    const row = await startCase(trx, viewer, {
      subject: oneLine(mail.subject, LIMITS.subject) || NO_SUBJECT,
      departmentId, customer, contactEmail: customer ? mail.from_address : null,
      message: {
        visibility: 'public', body: mail.body.trim() === '' ? NO_TEXT : mail.body,
        author: { type: 'customer', staffId: null,
          name: mailAuthorName(mail.from_address, mail.from_name) },
      },
      openedDetails: { via: 'email_triage', inboundMailId: mail.id },
    });
    // Another admin may have settled the mail since it was read; then this case goes too.
    const settled = await settleTriageMail(trx, viewer.accountId, mail.id,
      { status: 'opened', caseId: row.id });
    if (!settled) throw new ConflictError('Someone else has just opened or dismissed this mail');
    return { caseNo: row.case_no };
  });
}

export async function dismissTriageMail(db: Db, viewer: Viewer, id: number): Promise<void> {
  assertAdmin(viewer);
  const settled = await settleTriageMail(db, viewer.accountId, id,
    { status: 'dismissed', caseId: null });
  if (!settled) throw new NotFoundError('Mail not found in triage');
}

/** Opened already is a conflict; anything else not in triage is not found, as when dismissed. */
async function requireTriageMail(db: Db, accountId: number, id: number) {
  const mail = await findInboundMail(db, accountId, id);
  if (mail?.status === 'opened') {
    const opened = mail.case_id === null ? undefined
      : await findCaseById(db, accountId, mail.case_id);
    throw new ConflictError(opened ? `This mail was opened as Case #${opened.case_no} already`
      : 'This mail was opened as a case already');
  }
  if (mail?.status !== 'triage') throw new NotFoundError('Mail not found in triage');
  return mail;
}

/**
 * Two customers with the address leave it open whom the mail is from, so the case gets
 * a customer of its own rather than a guess. A sender without a usable address has none.
 */
async function customerOfSender(
  trx: Db, viewer: Viewer, mail: InboundMailRow,
): Promise<Customer | null> {
  const address = mail.from_address;
  if (address === null || !isEmailAddress(address)) return null;
  const ids = await customerIdsMatching(trx, viewer.accountId, { email: address });
  const known = ids.length === 1 ? await loadCustomer(trx, viewer.accountId, ids[0]!) : undefined;
  return known ?? createCustomer(trx, viewer, {
    name: oneLine(mail.from_name, LIMITS.personName) || null, emails: [address],
  });
}

/** Header text as a one-line field must be: no control characters, at most `max` long. */
function oneLine(text: string | null, max: number): string {
  const line = (text ?? '').replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  if (line.length <= max) return line;
  // Never between the two halves of a surrogate pair: half a character is not text.
  const cut = /[\ud800-\udbff]/.test(line[max - 1]!) ? max - 1 : max;
  return line.slice(0, cut).trimEnd();
}

function toEntry(r: InboundMailRow): TriageEntry {
  return {
    id: r.id, from: r.from_address, fromName: r.from_name, subject: r.subject, body: r.body,
    reason: r.reason, receivedAt: r.received_at,
  };
}
