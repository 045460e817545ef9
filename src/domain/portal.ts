/**
 * The customer portal: an address signed in to one account reads the public
 * side of the cases paired with it and answers them. A portal case carries no
 * department, no staff ids or e-mail addresses, nothing private
 * (API.md: PortalCase); access is checked on every request, so a revoked
 * pairing takes the case away from a session at once.
 */
import type { Config } from '../config.js';
import { portalLogin } from '../mail/templates.js';
import { findCaseRow } from '../storage/cases.js';
import type { Db } from '../storage/database.js';
import { loadCustomer } from '../storage/customers.js';
import { lastMessageAt, listMessages } from '../storage/messages.js';
import { countRecentMail, insertOutboxMail } from '../storage/outbox.js';
import {
  isPaired, listPairedCaseIds, listPairedCases, touchPairings,
} from '../storage/pairings.js';
import {
  deletePortalSession, findPortalSession, insertPortalLoginLink, insertPortalSession,
  usePortalLoginLink,
} from '../storage/portal.js';
import type { CaseRow } from '../storage/schema.js';
import { portalVisibilities, type PortalViewer } from './access.js';
import { findAccountForSignIn } from './accounts.js';
import { hashSecret, newSecret } from './auth.js';
import { portalUrl } from './case-mail.js';
import { addCustomerReply } from './customer-replies.js';
import { NotFoundError, UnauthenticatedError } from './errors.js';
import { newMessageId } from './mail-addresses.js';
import { checkMessageBody } from './message-rules.js';
import type { CaseStatus } from './types.js';

export const PORTAL_SESSION_DAYS = 30;
const LOGIN_LINK_MINUTES = 60;
/**
 * Sign-in links mailed to one address per hour, so the form cannot flood a mailbox.
 * Counted from the mail actually queued: asking more often sends nothing more, and
 * does not push the customer's own next link further away.
 */
const LOGIN_MAILS_PER_HOUR = 5;

export interface PortalMessage {
  id: number; body: string; author: { type: 'staff' | 'customer'; name: string };
  createdAt: string;
}

export interface PortalCase {
  caseNo: number; subject: string; status: CaseStatus; createdAt: string; updatedAt: string;
  messages?: PortalMessage[];
}

export async function startPortalSession(db: Db, viewer: PortalViewer) {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + PORTAL_SESSION_DAYS * 86_400_000);
  await insertPortalSession(db, { tokenHash: hashSecret(token), accountId: viewer.accountId,
    emailLower: viewer.email, expiresAt: expiresAt.toISOString() });
  return { token, expiresAt };
}

export async function portalViewerForSession(db: Db, token: string): Promise<PortalViewer> {
  const row = await findPortalSession(db, hashSecret(token));
  if (!row) throw new UnauthenticatedError('Sign in to the portal first');
  return { accountId: row.account_id, email: row.email_lower };
}

export function endPortalSession(db: Db, token: string): Promise<void> {
  return deletePortalSession(db, hashSecret(token));
}

export async function portalCases(db: Db, viewer: PortalViewer): Promise<PortalCase[]> {
  const rows = await listPairedCases(db, viewer.accountId, viewer.email, portalVisibilities());
  return rows.map((row) => portalCaseOf(row, row.last_message_at))
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

export async function portalCase(
  db: Db, viewer: PortalViewer, caseNo: number,
): Promise<PortalCase> {
  const row = await requirePairedCase(db, viewer, caseNo);
  const messages = await listMessages(db, viewer.accountId, row.id, portalVisibilities());
  await touchPairings(db, viewer.accountId, viewer.email, row.id);
  return {
    ...(await toPortalCase(db, row)),
    messages: messages.map((m) => ({
      id: m.id, body: m.body, author: { type: m.author.type, name: m.author.name },
      createdAt: m.createdAt,
    })),
  };
}

export async function addPortalReply(
  db: Db, viewer: PortalViewer, caseNo: number, body: string,
): Promise<PortalMessage> {
  checkMessageBody(body);
  return db.transaction().execute(async (trx) => {
    const row = await requirePairedCase(trx, viewer, caseNo);
    // Named as staff know the customer when the address is theirs; else by the address.
    const customer = row.customer_id === null ? undefined
      : await loadCustomer(trx, viewer.accountId, row.customer_id);
    const known = customer?.emails.some((e) => e.toLowerCase() === viewer.email);
    const authorName = known && customer?.name ? customer.name : viewer.email;
    const m = await addCustomerReply(trx, row, { body, authorName, via: 'portal' });
    return { id: m.id, body: m.body, author: { type: 'customer', name: m.author.name },
      createdAt: m.createdAt };
  });
}

/**
 * Mails a sign-in link when the address has paired cases in the account. The
 * caller answers the same either way, so the form tells no one which
 * addresses are known.
 */
export async function requestPortalLogin(
  db: Db, config: Config, input: { account: string; email: string },
): Promise<{ outboxId: number } | null> {
  const email = input.email.trim().toLowerCase();
  const account = await findAccountForSignIn(db, input.account);
  if (!account || (await listPairedCaseIds(db, account.id, email)).length === 0) return null;
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  if (await countRecentMail(db, account.id, 'portal_login', email, hourAgo)
    >= LOGIN_MAILS_PER_HOUR) {
    return null;
  }
  const token = newSecret();
  const expiresAt = new Date(Date.now() + LOGIN_LINK_MINUTES * 60_000).toISOString();
  const content = portalLogin({
    accountName: account.name, loginLink: `${config.publicUrl}/portal/session?token=${token}`,
    portalUrl: portalUrl(config), expiresAt, timezone: account.timezone,
  });
  return db.transaction().execute(async (trx) => {
    await insertPortalLoginLink(trx, { tokenHash: hashSecret(token), accountId: account.id,
      emailLower: email, expiresAt });
    const mail = await insertOutboxMail(trx, account.id, {
      caseId: null, kind: 'portal_login', recipient: email, subject: content.subject,
      text: content.text, html: content.html, messageId: newMessageId(config.mail),
      replyTo: null, expiresAt,
    });
    return { outboxId: mail.id };
  });
}

export async function signInWithPortalLink(db: Db, token: string): Promise<PortalViewer> {
  const link = await usePortalLoginLink(db, hashSecret(token));
  if (!link) throw new NotFoundError('This sign-in link is unknown, used or expired');
  return { accountId: link.account_id, email: link.email_lower };
}

async function requirePairedCase(db: Db, viewer: PortalViewer, caseNo: number) {
  const row = await findCaseRow(db, viewer.accountId, caseNo);
  if (!row || !(await isPaired(db, viewer.accountId, viewer.email, row.id))) {
    throw new NotFoundError(`Case #${caseNo} not found`);
  }
  return row;
}

/**
 * The case as a customer sees it. Its `updatedAt` is the last thing the customer can
 * see happen (a public message, closing), not the case's own activity time, which
 * private notes and transfers move too.
 */
async function toPortalCase(db: Db, row: CaseRow): Promise<PortalCase> {
  return portalCaseOf(row,
    await lastMessageAt(db, row.account_id, row.id, portalVisibilities()));
}

function portalCaseOf(
  row: Pick<CaseRow, 'case_no' | 'subject' | 'status' | 'created_at' | 'closed_at'>,
  lastPublic: string | null,
): PortalCase {
  const updatedAt = [row.created_at, lastPublic, row.closed_at]
    .filter((t): t is string => t !== null).sort().at(-1)!;
  return { caseNo: row.case_no, subject: row.subject, status: row.status as CaseStatus,
    createdAt: row.created_at, updatedAt };
}
