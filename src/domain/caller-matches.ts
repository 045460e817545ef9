/**
 * Who is calling: every customer of the account with the caller's number, and
 * each one's open cases in every department (PRODUCT.md rule 7; the phone
 * panel is the one list that crosses departments for everyone, and it carries
 * case summaries only, never message text). One indexed look-up by E.164, so
 * its cost does not grow with the number of customers.
 */
import { listOpenCasesOfCustomers } from '../storage/cases.js';
import { findCustomerIdsByPhone, loadCustomers } from '../storage/customers.js';
import type { Db } from '../storage/database.js';
import type { CaseSummary, Customer } from './types.js';

export interface CallerMatch { customer: Customer; openCases: CaseSummary[] }

/** Customers sharing one switchboard number are all listed; the cap keeps a pop readable. */
const MAX_MATCHES = 20;
const MAX_OPEN_CASES = 50;

export async function matchCaller(
  db: Db, accountId: number, e164: string | null,
): Promise<CallerMatch[]> {
  if (e164 === null) return [];
  const ids = (await findCustomerIdsByPhone(db, accountId, e164)).slice(0, MAX_MATCHES);
  if (ids.length === 0) return [];
  const [customers, cases] = await Promise.all([
    loadCustomers(db, accountId, ids),
    listOpenCasesOfCustomers(db, accountId, ids, MAX_OPEN_CASES),
  ]);
  return customers.map((customer) => ({
    customer,
    openCases: cases.filter((c) => c.customer?.customerNo === customer.customerNo),
  }));
}
