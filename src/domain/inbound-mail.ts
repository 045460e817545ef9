/**
 * Where a customer's e-mail goes. A reply joins its case when it is addressed
 * to the case's reply address or names a Message-ID Caseline sent for the case;
 * the subject is never used, so a changed subject still joins and a copied
 * "[Case #42]" cannot push mail into someone else's case. Mail for an account
 * that matches no case, and every automatic reply or bounce, goes to triage,
 * where admins see it (and may open a case from it, domain/triage.ts): it never
 * opens, joins or reopens a case by itself, and it never causes mail, so two
 * systems cannot loop.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import type { InboundMessage } from '../mail/inbound-message.js';
import { findCaseById, findCaseByReplyToken } from '../storage/cases.js';
import type { Db } from '../storage/database.js';
import { isUniqueViolation } from '../storage/errors.js';
import { hasInboundMail, insertInboundMail } from '../storage/inbound-mail.js';
import { findCaseIdBySentMessageIds } from '../storage/outbox.js';
import type { CaseRow } from '../storage/schema.js';
import { findAccountForSignIn } from './accounts.js';
import { addCustomerReply } from './customer-replies.js';
import { NotFoundError } from './errors.js';
import { readReplyAddress } from './mail-addresses.js';
import { MAX_MESSAGE_LENGTH } from './message-rules.js';

export type InboundOutcome =
  | { status: 'joined'; accountId: number; caseNo: number; messageId: number }
  | { status: 'triage'; accountId: number; reason: string }
  | { status: 'duplicate'; accountId: number };

interface Target { accountId: number; row: CaseRow | null; how: string }

/** Takes one message in; throws NotFoundError when no recipient is one of ours. */
export async function receiveMail(
  db: Db, config: Config, mail: InboundMessage,
): Promise<InboundOutcome> {
  const target = await findTarget(db, config, mail);
  if (!target) throw new NotFoundError('No Caseline address among the recipients');
  const { accountId } = target;
  // Without a Message-ID, the same bytes arriving twice are still recognised.
  const messageId = mail.messageId ?? `sha256:${createHash('sha256').update(JSON.stringify(
    [mail.from?.address ?? '', mail.recipients, mail.subject, mail.fullText])).digest('hex')}`;
  if (await hasInboundMail(db, accountId, messageId)) return { status: 'duplicate', accountId };

  const record = {
    messageId, fromAddress: mail.from?.address ?? null, fromName: mail.from?.name ?? null,
    subject: mail.subject.slice(0, 1000), body: mail.fullText.slice(0, MAX_MESSAGE_LENGTH),
  };
  const triageReason = mail.automatic ? 'automatic reply or bounce'
    : target.row === null ? 'no matching case'
    : mail.text.trim() === '' ? 'no text'
    : mail.text.length > MAX_MESSAGE_LENGTH ? 'text too long'
    : null;

  try {
    return await db.transaction().execute(async (trx): Promise<InboundOutcome> => {
      if (triageReason !== null || target.row === null) {
        const reason = triageReason ?? 'no matching case';
        await insertInboundMail(trx, accountId, { ...record, status: 'triage', caseId: null,
          reason });
        return { status: 'triage', accountId, reason };
      }
      const row = target.row;
      const message = await addCustomerReply(trx, row, {
        body: mail.text, via: 'email',
        authorName: mailAuthorName(mail.from?.address ?? null, mail.from?.name ?? null),
      });
      await insertInboundMail(trx, accountId, { ...record, status: 'joined', caseId: row.id,
        reason: target.how });
      return { status: 'joined', accountId, caseNo: row.case_no, messageId: message.id };
    });
  } catch (err) {
    // The same message delivered twice at once: the second one's record collides.
    if (isUniqueViolation(err)) return { status: 'duplicate', accountId };
    throw err;
  }
}

async function findTarget(db: Db, config: Config, mail: InboundMessage) {
  let account: number | null = null;
  for (const recipient of mail.recipients) {
    const address = readReplyAddress(config.mail, recipient);
    if (!address) continue;
    const found = await findAccountForSignIn(db, address.slug);
    if (!found) continue;
    if (address.token !== null) {
      const row = await findCaseByReplyToken(db, found.id, address.token);
      if (row) return { accountId: found.id, row, how: 'reply address' } satisfies Target;
    }
    account ??= found.id;
  }
  // Mail must name one of our accounts by address before its headers are trusted: a
  // Message-ID alone could point anywhere, even into another account.
  if (account === null) return null;
  const sent = await findCaseIdBySentMessageIds(db, account,
    [...mail.inReplyTo, ...mail.references.slice().reverse()]);
  if (sent) {
    const row = await findCaseById(db, account, sent.caseId);
    if (row) return { accountId: account, row, how: 'references' } satisfies Target;
  }
  return { accountId: account, row: null, how: '' } satisfies Target;
}

/** How a message from this sender names its author in the thread. */
export function mailAuthorName(address: string | null, name: string | null): string {
  if (address === null) return 'Unknown sender';
  return name ? `${name} <${address}>` : address;
}
