/**
 * The desk has one search box. What was typed decides which filter of
 * GET /cases it becomes, so staff never pick a "search by" option:
 *
 * - `#123`, `case 123`, or bare digits up to 6 long → Case #
 * - `C42`, `C-42`, `customer 42`, `customer id 42`   → Customer ID
 * - anything with an `@` and no spaces              → e-mail
 * - digits with phone punctuation (+ - . ( ) spaces), or 7 digits or more → phone
 * - everything else                                 → words in subject and messages
 *
 * Bare digits are the one real ambiguity: short ones are far more likely a
 * Case # (read out on the phone), long ones a phone number.
 */

export type DeskSearch =
  | { kind: 'none' }
  | { kind: 'caseNo'; caseNo: number }
  | { kind: 'customerNo'; customerNo: number }
  | { kind: 'email'; email: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'words'; q: string };

const MAX_ID = 2_147_483_647;
const CASE_NO = /^(?:#|case\s*#?\s*)(\d+)$/i;
const CUSTOMER_NO = /^(?:c|cust(?:omer)?(?:\s*id)?)\s*[-#:]?\s*(\d+)$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?)\s*\d+)?$/i;
const MAX_CASE_DIGITS = 6;
const MIN_PHONE_DIGITS = 7;

export function parseDeskSearch(input: string): DeskSearch {
  const text = input.trim();
  if (text === '') return { kind: 'none' };

  const caseNo = CASE_NO.exec(text)?.[1] ?? (/^\d+$/.test(text) ? text : undefined);
  if (caseNo !== undefined && (text.startsWith('#') || /^case/i.test(text)
    || caseNo.length <= MAX_CASE_DIGITS)) {
    const n = toId(caseNo);
    if (n !== null) return { kind: 'caseNo', caseNo: n };
  }

  const customerNo = CUSTOMER_NO.exec(text)?.[1];
  if (customerNo !== undefined) {
    const n = toId(customerNo);
    if (n !== null) return { kind: 'customerNo', customerNo: n };
  }

  if (EMAIL.test(text)) return { kind: 'email', email: text };
  if (PHONE.test(text) && looksLikePhone(text)) return { kind: 'phone', phone: text };
  return { kind: 'words', q: text };
}

/** Bare digits are a phone only when long; punctuated digits are a phone when 3+ digits. */
function looksLikePhone(text: string): boolean {
  const digits = text.replace(/\D/g, '').length;
  return /^\d+$/.test(text) ? digits >= MIN_PHONE_DIGITS : digits >= 3;
}

function toId(digits: string): number | null {
  const n = Number(digits);
  return Number.isSafeInteger(n) && n > 0 && n <= MAX_ID ? n : null;
}

/** The words shown above the results, e.g. "Case #12" or "phone +1 555 0100". */
export function describeSearch(search: DeskSearch): string {
  switch (search.kind) {
    case 'none': return '';
    case 'caseNo': return `Case #${search.caseNo}`;
    case 'customerNo': return `Customer ID C${search.customerNo}`;
    case 'email': return `e-mail ${search.email}`;
    case 'phone': return `phone ${search.phone}`;
    case 'words': return `words “${search.q}”`;
  }
}

export type CustomerLookupQuery =
  | { kind: 'none' }
  | { kind: 'customerNo'; customerNo: number }
  | { kind: 'email'; email: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'name'; q: string };

/**
 * The new-case page's customer look-up: a Customer ID, an e-mail, a phone
 * (any digits with phone punctuation), or else a name.
 */
export function parseCustomerLookup(input: string): CustomerLookupQuery {
  const text = input.trim();
  if (text === '') return { kind: 'none' };
  const customerNo = CUSTOMER_NO.exec(text)?.[1];
  const n = customerNo === undefined ? null : toId(customerNo);
  if (n !== null) return { kind: 'customerNo', customerNo: n };
  if (EMAIL.test(text)) return { kind: 'email', email: text };
  if (PHONE.test(text) && text.replace(/\D/g, '').length >= 3) {
    return { kind: 'phone', phone: text };
  }
  return { kind: 'name', q: text };
}
