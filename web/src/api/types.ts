/**
 * The shapes of API.md, as the web app reads them. Field names are the
 * contract's; nothing here is invented. The server is a separate program, so
 * these are declared again rather than imported from src/.
 */

export type Visibility = 'public' | 'private' | 'supervisor';
export type CaseStatus = 'in_progress' | 'closed';
/** The desk's status filter: a case status, or both. */
export type CaseStatusFilter = CaseStatus | 'all';

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface DepartmentRef {
  id: number;
  name: string;
}

export interface Staff {
  id: number;
  name: string;
  email: string;
  department: DepartmentRef;
  admin: boolean;
  supervisor: boolean;
  active: boolean;
}

export interface AccountRef {
  id: number;
  slug: string;
  name: string;
}

/** GET /me: the member and the account they work in (left out by older servers). */
export interface Me extends Staff {
  account?: AccountRef | null;
}

export interface Account extends AccountRef {
  defaultRegion: string;
  timezone: string;
  mailFrom: string | null;
}

export interface Phone {
  raw: string;
  e164: string | null;
}

export interface Customer {
  id: number;
  customerNo: number;
  name: string | null;
  phones: Phone[];
  emails: string[];
  address: string | null;
  note: string | null;
  externalRef: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What POST and PATCH /customers take: phones and e-mails as typed. */
export interface CustomerInput {
  name?: string | null;
  phones?: string[];
  emails?: string[];
  address?: string | null;
  note?: string | null;
  externalRef?: string | null;
}

export interface CaseSummary {
  caseNo: number;
  subject: string;
  status: CaseStatus;
  department: DepartmentRef;
  customer: { customerNo: number; name: string | null } | null;
  contactEmail: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface Author {
  type: 'staff' | 'customer';
  id: number | null;
  name: string;
}

export interface Message {
  id: number;
  visibility: Visibility;
  body: string;
  author: Author;
  createdAt: string;
  redacted: boolean;
}

export interface Case extends Omit<CaseSummary, 'customer'> {
  customer: Customer | null;
  createdBy: { id: number; name: string };
  messages: Message[];
}

export interface HistoryEntry {
  type: string;
  at: string;
  actor: { type: string; id: number | null; name: string };
  details: Record<string, unknown>;
  /** The entry as one sentence, made by the server. */
  summary: string;
}

export interface AddedMessage {
  message: Message;
  notifications: Array<{ id: number; kind: string; to: string; status: string }>;
  warnings: Array<{ kind: string; message: string }>;
}

/** Everything the print page shows: the case as the reader may see it. */
export interface PrintableCase {
  accountName: string;
  timezone: string | null;
  case: Case;
  history: HistoryEntry[];
}

/** A customer's access to a case: waiting while pairedAt is null, then active. */
export interface Pairing {
  id: number;
  email: string;
  createdAt: string;
  lastSeenAt: string | null;
  pairedAt: string | null;
  expiresAt: string;
}

export type MailKind = 'message_notification' | 'pairing_instruction' | 'portal_login';
export type MailStatus = 'queued' | 'sent' | 'failed';

export interface OutboxEntry {
  id: number;
  /** One of MailKind; a newer server may add kinds, shown by their name. */
  kind: string;
  to: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** Incoming mail Caseline could not join to a case, waiting for an admin. */
export interface TriageMail {
  id: number;
  from: string | null;
  fromName: string | null;
  subject: string;
  body: string;
  reason: string;
  receivedAt: string;
}

/** What the customer portal shows of a case: no department, no staff ids, nothing private. */
export interface PortalCase {
  caseNo: number;
  subject: string;
  status: CaseStatus;
  createdAt: string;
  updatedAt: string;
  messages?: PortalMessage[];
}

export interface PortalMessage {
  id: number;
  body: string;
  author: { type: 'staff' | 'customer'; name: string };
  createdAt: string;
}

export type CallState = 'ringing' | 'answered' | 'ended';

/** A customer whose phone matches the caller, with their open cases in every department. */
export interface CallMatch {
  customer: Customer;
  openCases: CaseSummary[];
}

/** A phone call as the PBX reported it (API.md "Phone system"). */
export interface Call {
  callId: string;
  direction: 'in' | 'out';
  /** As the PBX sent it; null when the number is withheld. */
  from: string | null;
  fromE164: string | null;
  to: string | null;
  state: CallState;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** Whoever the PBX named as answering: a phone, e-mail or id, as it sent it. */
  answeredBy: string | null;
  cause: string | null;
  /** Ended without being answered or forwarded. */
  missed: boolean;
  queue: string | null;
  users: string[];
  /** The call rings for the signed-in member; an admin or supervisor also sees others. */
  ringsForYou: boolean;
  matches: CallMatch[];
}

export type CaseChange = 'created' | 'message' | 'status' | 'updated';

/** A live `case` event: only which case changed and how, never its content. */
export interface CaseEvent {
  caseNo: number;
  change: CaseChange;
}

export interface TelephonySettings {
  webhookUrl: string;
  token: string;
}

export interface BlockedNumber {
  id: number;
  number: string;
  e164: string;
  note: string | null;
  createdAt: string;
}

/** What part of an incoming call a route looks at: the number called, the queue or a user. */
export type CallRouteField = 'to' | 'queue' | 'user';

/** A call matching it rings only for the department's members or the one person. */
export interface CallRoute {
  id: number;
  field: CallRouteField;
  value: string;
  department: DepartmentRef | null;
  staff: { id: number; name: string } | null;
  createdAt: string;
}
