/**
 * What the phone panel puts in the new-case link for a caller:
 * `/cases/new?customerNo=12&phone=%2B12125550161` for a known customer, or
 * `?phone=…` alone for a number nobody has.
 */
import { idOf, queryParam } from '../../router';

export interface CallerPrefill {
  customerNo: number | null;
  /** The caller's number as the phone system sent it; '' when none. */
  phone: string;
}

export function readCallerPrefill(search: string): CallerPrefill {
  const customerNo = idOf(queryParam(search, 'customerNo') ?? undefined);
  const phone = (queryParam(search, 'phone') ?? '').trim().slice(0, 64);
  return { customerNo, phone };
}
