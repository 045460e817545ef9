/**
 * Kysely table interfaces: one per table, snake_case as stored. Timestamps are
 * ISO 8601 UTC strings in both dialects (sortable as text, no driver quirks);
 * booleans are 0/1 integers because SQLite has no boolean type.
 */
import type { Generated, Insertable, Selectable } from 'kysely';
import type {
  InboundMailTable, OutboxTable, PairingTable, PortalLoginLinkTable, PortalSessionTable,
} from './schema-mail.js';
import type {
  BlockedNumberTable, CallRouteTable, CallTable, LiveEventTable,
} from './schema-calls.js';

export interface AccountTable {
  id: Generated<number>;
  slug: string;
  name: string;
  default_region: string;
  timezone: string;
  mail_from: string | null;
  /** Secret in the CTI webhook's path; set when an admin first looks at telephony. */
  cti_token: string | null;
  /** Per-account sequences: bumped inside the transaction that uses them. */
  last_case_no: number;
  last_customer_no: number;
  created_at: string;
}

export interface DepartmentTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  created_at: string;
}

export interface StaffTable {
  id: Generated<number>;
  account_id: number;
  department_id: number;
  name: string;
  /** Stored lower-cased: sign-in and uniqueness ignore case. */
  email: string;
  password_hash: string;
  admin: number;
  supervisor: number;
  active: number;
  created_at: string;
}

export interface SessionTable {
  token_hash: string;
  account_id: number;
  staff_id: number;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  account_id: number;
  staff_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface CustomerTable {
  id: Generated<number>;
  account_id: number;
  customer_no: number;
  name: string | null;
  /** Lower-cased name for the `q` look-up. */
  name_search: string | null;
  address: string | null;
  note: string | null;
  external_ref: string | null;
  created_at: string;
  updated_at: string;
}

export interface CustomerPhoneTable {
  id: Generated<number>;
  account_id: number;
  customer_id: number;
  position: number;
  raw: string;
  e164: string | null;
}

export interface CustomerEmailTable {
  id: Generated<number>;
  account_id: number;
  customer_id: number;
  position: number;
  email: string;
  email_lower: string;
}

export interface CaseTable {
  id: Generated<number>;
  account_id: number;
  case_no: number;
  subject: string;
  status: string;
  department_id: number;
  customer_id: number | null;
  contact_email: string | null;
  created_by_staff_id: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** The case's key in another system, e.g. an imported conversation. */
  external_ref: string | null;
  /** The secret in the case's reply address; set when the case first mails a customer. */
  reply_token: string | null;
}

export interface MessageTable {
  id: Generated<number>;
  account_id: number;
  case_id: number;
  visibility: string;
  body: string;
  author_type: string;
  author_staff_id: number | null;
  author_name: string;
  created_at: string;
  redacted: number;
}

export interface CaseHistoryTable {
  id: Generated<number>;
  account_id: number;
  case_id: number;
  type: string;
  at: string;
  actor_type: string;
  actor_staff_id: number | null;
  actor_name: string;
  /** JSON object; never holds message text (see domain/history.ts). */
  details: string;
}

/** Sign-in and other guessing throttles, keyed on what is attacked. */
export interface ThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  blocked_until: string | null;
}

export interface MigrationTable {
  name: string;
  applied_at: string;
}

export interface Database {
  accounts: AccountTable;
  departments: DepartmentTable;
  staff: StaffTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  customers: CustomerTable;
  customer_phones: CustomerPhoneTable;
  customer_emails: CustomerEmailTable;
  cases: CaseTable;
  messages: MessageTable;
  case_history: CaseHistoryTable;
  throttles: ThrottleTable;
  caseline_migrations: MigrationTable;
  outbox: OutboxTable;
  pairings: PairingTable;
  portal_sessions: PortalSessionTable;
  portal_login_links: PortalLoginLinkTable;
  inbound_mail: InboundMailTable;
  calls: CallTable;
  blocked_numbers: BlockedNumberTable;
  call_routes: CallRouteTable;
  live_events: LiveEventTable;
}

export type AccountRow = Selectable<AccountTable>;
export type StaffRow = Selectable<StaffTable>;
export type CustomerRow = Selectable<CustomerTable>;
export type CaseRow = Selectable<CaseTable>;
export type MessageRow = Selectable<MessageTable>;
export type NewMessage = Insertable<MessageTable>;
