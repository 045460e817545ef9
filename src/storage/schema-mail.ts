/** Kysely table interfaces of e-mail, pairing and the customer portal (migration 002). */
import type { Generated, Selectable } from 'kysely';

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboxTable {
  id: Generated<number>;
  account_id: number;
  case_id: number | null;
  kind: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** Fixed when the row is written, so a second delivery is recognisable as the same mail. */
  message_id: string;
  reply_to: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  /** While `sending`: until when the worker that claimed the row holds it. */
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** When the link the mail carries stops working: it is not sent after that. */
  expires_at: string | null;
}

export interface PairingTable {
  id: Generated<number>;
  account_id: number;
  case_id: number;
  email: string;
  email_lower: string;
  /** SHA-256 of the link's token (32 random bytes). */
  token_hash: string;
  /** argon2id of the short code: short enough to be worth guessing offline, so hashed slowly. */
  code_hash: string;
  secret_expires_at: string;
  /** When the link or code was used; from then on the address may read the case. */
  paired_at: string | null;
  revoked_at: string | null;
  last_seen_at: string | null;
  created_by_staff_id: number | null;
  created_at: string;
}

export interface PortalSessionTable {
  token_hash: string;
  account_id: number;
  email_lower: string;
  created_at: string;
  expires_at: string;
}

export interface PortalLoginLinkTable {
  token_hash: string;
  account_id: number;
  email_lower: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** `opened` and `dismissed`: an admin took the mail out of triage (domain/triage.ts). */
export type InboundStatus = 'joined' | 'triage' | 'ignored' | 'opened' | 'dismissed';

export interface InboundMailTable {
  id: Generated<number>;
  account_id: number;
  message_id: string;
  status: InboundStatus;
  case_id: number | null;
  from_address: string | null;
  from_name: string | null;
  subject: string;
  body: string;
  /** Why it went where it went, e.g. "reply address", "references", "no matching case". */
  reason: string;
  received_at: string;
}

export type OutboxRow = Selectable<OutboxTable>;
export type PairingRow = Selectable<PairingTable>;
export type InboundMailRow = Selectable<InboundMailTable>;
