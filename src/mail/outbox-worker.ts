/**
 * Sends the outbox. One worker per server process: it claims a due row, hands
 * it to the SMTP server, and settles it as sent, to be retried later, or
 * failed. Nothing is sent twice in the normal course: a row is claimed under a
 * lease before it is sent and marked sent as soon as the SMTP server accepts.
 *
 * The one window left is a crash after the SMTP server accepted a mail and
 * before the row was marked: when the lease runs out the mail is sent again,
 * with the same Message-ID, so the receiving side sees one message delivered
 * twice with one Message-ID (most mail stores show it once). A crash before
 * the SMTP server's final "250" leaves nothing delivered; the resend is the
 * only copy.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { MailConfig } from '../config.js';
import { isSenderAllowed } from '../domain/accounts.js';
import { findAccountById } from '../storage/accounts.js';
import type { Store } from '../storage/database.js';
import { claimDueMail, settleMail } from '../storage/outbox.js';
import type { OutboxRow } from '../storage/schema-mail.js';

export interface OutboxWorkerOptions {
  store: Store;
  mail: MailConfig;
  logger: Logger;
  /** First retry delay; it doubles per attempt up to an hour. */
  retryBaseMs?: number;
  maxAttempts?: number;
  /** How long a claimed row is held before another worker may take it over. */
  leaseMs?: number;
}

export interface OutboxWorker {
  /** Looks for due mail now instead of at the next poll. */
  nudge(): void;
  /** Finishes the mail in hand and stops. */
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;
const LINK_EXPIRED = 'Not sent: the link in this mail expired while it waited; send a new one';
/** Every wait of one send is bounded, and all of them together stay inside the lease. */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000,
  socketTimeout: 5 * 60_000 };

export function startOutboxWorker(o: OutboxWorkerOptions): OutboxWorker {
  const { store, mail, logger } = o;
  const retryBaseMs = o.retryBaseMs ?? 30_000;
  const maxAttempts = o.maxAttempts ?? 8;
  // Longer than the slowest send can take (SMTP_TIMEOUTS below), so a slow SMTP server
  // never lets a second worker take a mail over while the first is still sending it.
  const leaseMs = o.leaseMs ?? 15 * 60_000;
  if (mail.smtpUrl === null) {
    logger.warn('SMTP_URL is not set: e-mail stays queued in the outbox');
    return { nudge() {}, async stop() {} };
  }
  const transport = nodemailer.createTransport({ url: mail.smtpUrl, ...SMTP_TIMEOUTS });

  let stopped = false;
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;

  const sleep = () => new Promise<void>((resolve) => {
    wake = resolve;
    timer = setTimeout(resolve, mail.pollMs);
  }).finally(() => {
    if (timer) clearTimeout(timer);
    wake = null;
  });

  const loop = (async () => {
    while (!stopped) {
      try {
        while (!stopped && await sendNext()) { /* keep going while mail is due */ }
      } catch (err) {
        logger.error({ err }, 'outbox worker failed; trying again later');
      }
      if (!stopped) await sleep();
    }
  })();

  /** Sends one due mail; false when none is due. */
  async function sendNext(): Promise<boolean> {
    const at = Date.now();
    const lease = new Date(at + leaseMs).toISOString();
    const row = await claimDueMail(store.db, store.dialect, new Date(at).toISOString(), lease);
    if (!row) return false;
    const log = logger.child({ outboxId: row.id, caseId: row.case_id, kind: row.kind });
    // A link that no longer works is worse than no mail: the reader would be told it is wrong.
    if (row.expires_at !== null && row.expires_at <= new Date(at).toISOString()) {
      await settleMail(store.db, row.id, lease, { status: 'failed', error: LINK_EXPIRED });
      log.warn({ attempts: row.attempts, expiresAt: row.expires_at },
        'mail not sent: its link expired while it waited');
      return true;
    }
    try {
      await deliver(transport, store, mail, row);
      const settled = await settleMail(store.db, row.id, lease, { status: 'sent' });
      if (settled) log.info({ attempts: row.attempts }, 'mail sent');
      else log.warn({ attempts: row.attempts }, 'mail sent after its lease ran out');
    } catch (err) {
      const error = describe(err);
      const permanent = isPermanent(err) || row.attempts >= maxAttempts;
      const nextAttemptAt = new Date(Date.now()
        + Math.min(retryBaseMs * 2 ** (row.attempts - 1), HOUR_MS)).toISOString();
      await settleMail(store.db, row.id, lease, permanent
        ? { status: 'failed', error } : { status: 'queued', error, nextAttemptAt });
      log.warn({ attempts: row.attempts, error, retry: !permanent },
        permanent ? 'mail failed' : 'mail not sent yet');
    }
    return true;
  }

  return {
    nudge() { wake?.(); },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      transport.close();
    },
  };
}

async function deliver(
  transport: Transporter, store: Store, mail: MailConfig, row: OutboxRow,
): Promise<void> {
  const account = await findAccountById(store.db, row.account_id);
  // An address set before the allowed domains changed is not used any more.
  const own = account?.mailFrom;
  const from = own && isSenderAllowed(own, mail.senderDomains) ? own : mail.defaultFrom;
  await transport.sendMail({
    from: { name: account?.name ?? 'Caseline', address: from },
    to: row.recipient,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    messageId: `<${row.message_id}>`,
    ...(row.reply_to !== null && { replyTo: row.reply_to }),
    // Tells auto-responders not to answer, so two systems cannot loop (RFC 3834).
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
  });
}

/** A 5xx answer is the SMTP server saying no for good; anything else may pass later. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 500);
}
