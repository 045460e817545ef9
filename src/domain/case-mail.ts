/**
 * Mail a staff member sends from a case: a notification carrying one public
 * message, and a pairing instruction. Both are outbox rows written in the
 * transaction that adds the message, so a mail exists exactly when its message
 * does. A notification is built from that one message only: nothing else of
 * the case (no other message, no note, no department) goes into it.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Config } from '../config.js';
import { messageNotification, pairingInstruction } from '../mail/templates.js';
import { findAccountById } from '../storage/accounts.js';
import { ensureReplyToken } from '../storage/cases.js';
import type { Db } from '../storage/database.js';
import { insertHistory } from '../storage/history.js';
import { insertOutboxMail } from '../storage/outbox.js';
import { insertPairing } from '../storage/pairings.js';
import type { CaseRow } from '../storage/schema.js';
import type { Viewer } from './access.js';
import { actorOf } from './actors.js';
import { hashSecret } from './auth.js';
import { NotFoundError } from './errors.js';
import { newMessageId, newReplyToken, replyAddress } from './mail-addresses.js';
import { hashPassword } from './passwords.js';
import type { Message } from './types.js';

export type MailKind = 'message_notification' | 'pairing_instruction' | 'portal_login';

export interface QueuedMail { id: number; kind: MailKind; to: string; status: 'queued' }

/** Letters and digits that cannot be mistaken for each other when typed from a mail. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;

export function newPairingCode(): string {
  return Array.from({ length: PAIRING_CODE_LENGTH },
    () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** What a customer types: spaces, dashes and case do not matter. */
export function normalisePairingCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

/** A pairing's secrets: made, and the code hashed (argon2, slow on purpose), before the
 *  message's transaction opens, so no database lock waits on the hashing. */
export interface PairingSecrets { token: string; code: string; codeHash: string }

export async function newPairingSecrets(): Promise<PairingSecrets> {
  const code = newPairingCode();
  return { token: randomBytes(32).toString('base64url'), code, codeHash: await hashPassword(code) };
}

export function portalUrl(config: Config): string {
  return `${config.publicUrl}/portal`;
}

export async function queueCaseMail(
  trx: Db, config: Config, viewer: Viewer, row: CaseRow, message: Message,
  wanted: { notify: boolean; pairing: PairingSecrets | null },
): Promise<QueuedMail[]> {
  const to = row.contact_email;
  if (to === null || (!wanted.notify && wanted.pairing === null)) return [];
  const account = await findAccountById(trx, viewer.accountId);
  if (!account) throw new NotFoundError('Account not found');
  const token = await ensureReplyToken(trx, viewer.accountId, row.id, newReplyToken());
  const common = {
    caseId: row.id, recipient: to, replyTo: replyAddress(config.mail, account.slug, token),
  };
  const queued: QueuedMail[] = [];

  if (wanted.notify) {
    const content = messageNotification({
      accountName: account.name, caseNo: row.case_no, caseSubject: row.subject,
      message: { body: message.body, authorName: message.author.name,
        createdAt: message.createdAt },
      timezone: account.timezone, portalUrl: portalUrl(config),
    });
    const mail = await insertOutboxMail(trx, viewer.accountId, {
      ...common, kind: 'message_notification', subject: content.subject, text: content.text,
      html: content.html, messageId: newMessageId(config.mail),
    });
    await insertHistory(trx, viewer.accountId, row.id, {
      type: 'notified', actor: actorOf(viewer),
      details: { to, messageId: message.id, visibility: message.visibility, outboxId: mail.id },
    });
    queued.push({ id: mail.id, kind: 'message_notification', to, status: 'queued' });
  }

  if (wanted.pairing !== null) {
    const { token: secret, code, codeHash } = wanted.pairing;
    const expiresAt = new Date(Date.now() + config.mail.pairingTtlDays * 86_400_000)
      .toISOString();
    const pairing = await insertPairing(trx, viewer.accountId, {
      caseId: row.id, email: to, tokenHash: hashSecret(secret),
      codeHash, expiresAt, staffId: viewer.staffId,
    });
    const content = pairingInstruction({
      accountName: account.name, caseNo: row.case_no, caseSubject: row.subject,
      pairLink: `${config.publicUrl}/portal/pair?token=${secret}`, portalUrl: portalUrl(config),
      accountSlug: account.slug, code, expiresAt, timezone: account.timezone,
    });
    const mail = await insertOutboxMail(trx, viewer.accountId, {
      ...common, kind: 'pairing_instruction', subject: content.subject, text: content.text,
      html: content.html, messageId: newMessageId(config.mail), expiresAt,
    });
    await insertHistory(trx, viewer.accountId, row.id, {
      type: 'pairing_sent', actor: actorOf(viewer),
      details: { to, pairingId: pairing.id, outboxId: mail.id, expiresAt },
    });
    queued.push({ id: mail.id, kind: 'pairing_instruction', to, status: 'queued' });
  }
  return queued;
}
