/** Calls and the admins' telephony settings (API.md "Phone system (CTI)"). */
import { request, withQuery } from './client';
import type {
  BlockedNumber, Call, CallRoute, CallRouteField, Page, TelephonySettings,
} from './types';

/** Calls newest first: `active` are those still ringing or answered. */
export async function listCalls(
  state: 'active' | 'all', limit: number, signal?: AbortSignal,
): Promise<Call[]> {
  const page = await request<Page<Call>>('GET', withQuery('/calls', { state, limit }),
    signal ? { signal } : {});
  return page.items;
}

export function getTelephony(signal?: AbortSignal): Promise<TelephonySettings> {
  return request('GET', '/telephony', signal ? { signal } : {});
}

/** A new webhook token; the old URL stops working at once. */
export function rotateTelephonyToken(): Promise<TelephonySettings> {
  return request('POST', '/telephony/rotate');
}

export async function listBlockedNumbers(signal?: AbortSignal): Promise<BlockedNumber[]> {
  const page = await request<Page<BlockedNumber>>('GET', '/telephony/blocked',
    signal ? { signal } : {});
  return page.items;
}

export interface BlockInput {
  number: string;
  note?: string | null;
}

/** 409 when the number (in any writing) is blocked already. */
export function blockNumber(input: BlockInput): Promise<BlockedNumber> {
  return request('POST', '/telephony/blocked', { body: input });
}

export function unblockNumber(id: number): Promise<void> {
  return request('DELETE', `/telephony/blocked/${id}`);
}

export async function listCallRoutes(signal?: AbortSignal): Promise<CallRoute[]> {
  const page = await request<Page<CallRoute>>('GET', '/telephony/routes',
    signal ? { signal } : {});
  return page.items;
}

/** Exactly one of departmentId and staffId. */
export type CallRouteInput = { field: CallRouteField; value: string }
  & ({ departmentId: number } | { staffId: number });

/** 409 when the same route exists already. */
export function addCallRoute(input: CallRouteInput): Promise<CallRoute> {
  return request('POST', '/telephony/routes', { body: input });
}

export function removeCallRoute(id: number): Promise<void> {
  return request('DELETE', `/telephony/routes/${id}`);
}
