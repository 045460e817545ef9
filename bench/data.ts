/**
 * The shape of the synthetic data, shared by the seeder and the load scenarios: a
 * customer's phone, e-mail and home department are pure functions of its index, so the
 * load generator can type a real customer's number in another format without reading
 * the database.
 */

export interface Sizes { customers: number; cases: number; messagesPerCase: number }

/** The staff scenarios' data set (issue 2). */
export const SIZES: Sizes = { customers: 100_000, cases: 200_000, messagesPerCase: 5 };
/** The phone scenarios' data set (issue 4): a large customer base, few messages. */
export const PHONE_SIZES: Sizes = { customers: 1_000_000, cases: 2_000_000, messagesPerCase: 1 };

export const ACCOUNT = {
  name: 'Bench Supplies Ltd', slug: 'bench', region: 'US', timezone: 'UTC',
  adminName: 'Ada Admin', adminEmail: 'admin@bench.test',
} as const;

/** Every seeded member of staff signs in with this; it only ever lives in a temp file. */
export const PASSWORD = 'bench-password-not-secret';

/** "General" comes from sign-up; the others are added. Index = department position. */
export const DEPARTMENTS = ['General', 'Sales', 'Billing', 'Support', 'Returns'] as const;

export function agentEmail(department: number): string {
  return `agent.${DEPARTMENTS[department]!.toLowerCase()}@bench.test`;
}

/** mulberry32: a tiny seeded PRNG, so every seed run produces the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(list: readonly T[], rand: () => number): T {
  return list[Math.floor(rand() * list.length)]!;
}

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines',
  'Jamal', 'Kenji', 'Lena', 'Mateo', 'Nadia', 'Oscar', 'Priya', 'Quinn', 'Rosa', 'Sven',
  'Tara', 'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf', 'Zoe', 'Amir', 'Bianca', 'Carlos',
  'Dana', 'Emil', 'Fatima', 'Gustav', 'Hana', 'Ivan', 'Julia', 'Karim', 'Lucia', 'Marek',
  'Nora'] as const;
const LAST = ['Smith', 'Garcia', 'Müller', 'Kowalski', 'Nguyen', 'Okafor', 'Rossi', 'Sato',
  'Johansson', 'Dubois', 'Patel', 'Kim', 'Silva', 'Novak', 'Cohen', 'Haddad', 'Larsen',
  'Moreau', 'Schmidt', 'Tanaka', 'Ivanova', 'Brown', 'Wilson', 'Lopez', 'Fischer', 'Costa',
  'Yilmaz', 'Andersen', 'Petrov', "O'Brien"] as const;
const MAIL_DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'corp.example'];

export function customerName(n: number): { first: string; last: string } {
  return { first: FIRST[n % FIRST.length]!, last: LAST[Math.floor(n / 7) % LAST.length]! };
}

/** Stored as typed, with capitals; the load searches it in upper case. */
export function customerEmail(n: number): string {
  const { first, last } = customerName(n);
  const local = `${first}.${last}`.normalize('NFKD').replace(/[^A-Za-z.]/g, '');
  return `${local}.${n + 1}@${MAIL_DOMAINS[n % MAIL_DOMAINS.length]}`;
}

/** The department most of a customer's cases land in; searches use its agent. */
export function homeDepartment(n: number): number {
  return n % DEPARTMENTS.length;
}

const AREAS = ['212', '213', '305', '312', '404', '415', '503', '512', '602', '617', '646',
  '702', '713', '718', '801', '818', '919', '206', '303', '202'] as const;

/** Ten US digits, unique per customer (and per line: 0 = main, 1 = mobile). */
export function phoneDigits(n: number, line: 0 | 1): string {
  const area = AREAS[(n + line * 7) % AREAS.length]!;
  // Distinct residues mod 157 keep main and mobile numbers apart; a million customers
  // stay within seven digits (2,000,000 + 50,000 × 157 < 10,000,000).
  const local = 2_000_000 + line + Math.floor(n / AREAS.length) * 157;
  return area + String(local);
}

/** Ways people write one US number; normalizePhone must read all of them as one. */
const FORMATS: ReadonlyArray<(d: string) => string> = [
  (d) => `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
  (d) => `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
  (d) => `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`,
  (d) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
  (d) => `+1${d}`,
  (d) => `1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
  (d) => `001 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
  (d) => d,
];

/** How the customer's main number is stored. */
export function storedPhone(n: number, line: 0 | 1 = 0): string {
  return FORMATS[(n + line) % FORMATS.length]!(phoneDigits(n, line));
}

/** The main number as staff type it in a search: never the stored format. */
export function typedPhone(n: number, rand: () => number): string {
  const shift = 1 + Math.floor(rand() * (FORMATS.length - 1));
  return FORMATS[(n + shift) % FORMATS.length]!(phoneDigits(n, 0));
}

/** One in five customers also has a mobile number. */
export function hasMobile(n: number): boolean {
  return n % 5 === 2;
}
