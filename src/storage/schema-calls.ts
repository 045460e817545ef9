/** Kysely table interfaces of telephony (migrations 003, 004 and 006). */
import type { Generated, Selectable } from 'kysely';

export type CallState = 'ringing' | 'answered' | 'ended';

export interface CallTable {
  id: Generated<number>;
  account_id: number;
  /** The PBX's own id of the call. */
  call_id: string;
  direction: string;
  /** As the PBX sent it; null when withheld. */
  from_raw: string | null;
  from_e164: string | null;
  to_raw: string | null;
  queue: string | null;
  /** JSON array of the names the PBX rang. */
  users: string | null;
  state: CallState;
  started_at: string;
  answered_at: string | null;
  answered_by: string | null;
  ended_at: string | null;
  cause: string | null;
  /** ",d:3,s:7," of the routes the call matched (calls.writeAudience); null: every member. */
  audience: string | null;
  /** E.164 of the customer's side: the caller, or the number dialled out (migration 006). */
  party_e164: string | null;
  updated_at: string;
}

export type CallRouteField = 'to' | 'queue' | 'user';

export interface CallRouteTable {
  id: Generated<number>;
  account_id: number;
  field: CallRouteField;
  /** As the admin typed it. */
  value: string;
  value_key: string;
  department_id: number | null;
  staff_id: number | null;
  target_key: string;
  created_at: string;
}

export interface BlockedNumberTable {
  id: Generated<number>;
  account_id: number;
  e164: string;
  raw: string;
  note: string | null;
  created_at: string;
}

export interface LiveEventTable {
  id: Generated<number>;
  account_id: number;
  kind: string;
  /** JSON: what a subscriber needs to decide whether to hear it; never message text. */
  payload: string;
  created_at: string;
}

export type CallRow = Selectable<CallTable>;
export type CallRouteRow = Selectable<CallRouteTable>;
export type LiveEventRow = Selectable<LiveEventTable>;
