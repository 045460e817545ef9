/**
 * The domain's own shapes. They are what the API returns (see API.md), so field
 * names here are part of the public contract. Storage rows are mapped into these
 * in `src/storage`; nothing above storage sees a snake_case column.
 */

export const VISIBILITIES = ['public', 'private', 'supervisor'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const CASE_STATUSES = ['in_progress', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface Account {
  id: number;
  slug: string;
  name: string;
  defaultRegion: string;
  timezone: string;
  mailFrom: string | null;
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

export interface Phone {
  raw: string;
  /** The number in E.164 without any extension; null when it cannot be read. */
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
  actor: Author;
  details: Record<string, unknown>;
}

/** As the API and printouts show it: with the entry as one sentence (history-text.ts). */
export interface DescribedHistoryEntry extends HistoryEntry {
  summary: string;
}

/** Everything a printout or PDF shows: the case as one reader may see it. */
export interface PrintableCase {
  accountName: string;
  timezone: string;
  case: Case;
  history: DescribedHistoryEntry[];
  printedAt: string;
  printedBy: string;
}
