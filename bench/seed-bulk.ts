/**
 * The bulk of the seed (by default 100k customers, 200k cases, 1M messages, 200k history),
 * written with better-sqlite3 prepared statements in large transactions. Going through
 * Kysely and the domain row by row would take an hour; the rows written here have the
 * same shape the domain writes (E.164 from normalizePhone, lower-cased e-mail and name,
 * ISO timestamps), and the FTS5 triggers of the real schema index every subject and body.
 */
import SQLite from 'better-sqlite3';
import { normalizePhone } from '../src/domain/phone.js';
import {
  ACCOUNT, DEPARTMENTS, type Sizes, customerEmail, customerName, hasMobile, homeDepartment,
  prng, storedPhone,
} from './data.js';
import type { SeededAccount } from './seed-account.js';
import { messageBody, subject } from './text.js';

const YEAR_MS = 365 * 86_400_000;
const SPAN_MS = 3 * YEAR_MS;
/** Cases per transaction: big enough to amortise commits, small enough to show progress. */
const CHUNK = 20_000;

/** The seed's time span and size. */
interface Clock { start: number; end: number; sizes: Sizes }

export async function seedBulk(
  file: string, acc: SeededAccount, sizes: Sizes, log: (s: string) => void,
): Promise<void> {
  const db = new SQLite(file);
  try {
    // A failed seed is thrown away, so neither a journal nor fsync buys anything here.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    db.pragma('temp_store = MEMORY');
    const end = Date.now();
    const clock = { start: end - SPAN_MS, end, sizes };
    const restoreTriggers = dropFtsTriggers(db);
    const customerIds = insertCustomers(db, acc, clock);
    log(`customers: ${customerIds.length}`);
    await insertCases(db, acc, clock, customerIds, log);
    log('full-text indexes');
    restoreTriggers();
    db.prepare('update accounts set last_case_no = ?, last_customer_no = ? where id = ?')
      .run(sizes.cases, sizes.customers, acc.accountId);
    // Back to what the server expects (database.ts sets WAL too, but only a writer
    // with no other connection may switch, so the file is left in WAL already).
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}

/**
 * FTS5 fed row by row through the schema's insert triggers costs ~120 µs a message;
 * a 'rebuild' of the whole index afterwards ~15 µs. So the triggers are dropped for the
 * load and put back exactly as the migration wrote them (their SQL is read from
 * sqlite_master, not repeated here), after every FTS5 table is rebuilt from its content.
 * The rebuilt index is more compact than a grown one; no scenario here uses word search.
 */
function dropFtsTriggers(db: SQLite.Database): () => void {
  const ftsTables = db.prepare(`select name from sqlite_master where type = 'table'
    and sql like 'create virtual table%using fts5%'`).pluck().all() as string[];
  if (ftsTables.length === 0) throw new Error('the schema has no FTS5 table: update the seeder');
  const triggers = (db.prepare(`select name, sql from sqlite_master where type = 'trigger'`)
    .all() as Array<{ name: string; sql: string }>)
    .filter((t) => ftsTables.some((table) => t.sql.includes(table)));
  for (const t of triggers) db.exec(`drop trigger "${t.name}"`);
  return () => {
    for (const table of ftsTables) db.exec(`insert into "${table}"("${table}") values('rebuild')`);
    for (const t of triggers) db.exec(t.sql);
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Customer n joins at a steady pace over the first 95% of the span. */
function customerJoined(n: number, clock: Clock): number {
  return clock.start + (n / clock.sizes.customers) * 0.95 * SPAN_MS;
}

function insertCustomers(db: SQLite.Database, acc: SeededAccount, clock: Clock): Int32Array {
  const customer = db.prepare(`insert into customers (account_id, customer_no, name,
    name_search, address, note, external_ref, created_at, updated_at)
    values (?, ?, ?, ?, ?, null, null, ?, ?)`);
  const phone = db.prepare(`insert into customer_phones (account_id, customer_id, position,
    raw, e164) values (?, ?, ?, ?, ?)`);
  const email = db.prepare(`insert into customer_emails (account_id, customer_id, position,
    email, email_lower) values (?, ?, 0, ?, ?)`);
  const ids = new Int32Array(clock.sizes.customers);
  db.transaction(() => {
    for (let n = 0; n < clock.sizes.customers; n++) {
      const { first, last } = customerName(n);
      const name = `${first} ${last}`;
      const at = iso(customerJoined(n, clock));
      const address = `${1 + (n % 400)} ${last} Street, Springfield`;
      const id = Number(customer.run(acc.accountId, n + 1, name, name.toLowerCase(), address,
        at, at).lastInsertRowid);
      ids[n] = id;
      const lines: Array<0 | 1> = hasMobile(n) ? [0, 1] : [0];
      for (const line of lines) {
        const raw = storedPhone(n, line);
        const { e164 } = normalizePhone(raw, ACCOUNT.region);
        if (e164 === null) throw new Error(`seed phone ${raw} does not normalise`);
        phone.run(acc.accountId, id, line, raw, e164);
      }
      const address0 = customerEmail(n);
      email.run(acc.accountId, id, address0, address0.toLowerCase());
    }
  })();
  return ids;
}

interface CaseStatements {
  kase: SQLite.Statement;
  message: SQLite.Statement;
  history: SQLite.Statement;
}

function prepareCases(db: SQLite.Database): CaseStatements {
  return {
    kase: db.prepare(`insert into cases (account_id, case_no, subject, status, department_id,
      customer_id, contact_email, created_by_staff_id, created_at, updated_at, closed_at,
      external_ref) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)`),
    message: db.prepare(`insert into messages (account_id, case_id, visibility, body,
      author_type, author_staff_id, author_name, created_at, redacted)
      values (?, ?, ?, ?, ?, ?, ?, ?, 0)`),
    history: db.prepare(`insert into case_history (account_id, case_id, type, at, actor_type,
      actor_staff_id, actor_name, details) values (?, ?, 'opened', ?, 'staff', ?, ?, '{}')`),
  };
}

async function insertCases(
  db: SQLite.Database, acc: SeededAccount, clock: Clock, customerIds: Int32Array,
  log: (s: string) => void,
): Promise<void> {
  const statements = prepareCases(db);
  const rand = prng(20_240_601);
  const chunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insertCase(statements, acc, clock, customerIds, rand, i);
  });
  for (let from = 0; from < clock.sizes.cases; from += CHUNK) {
    chunk(from, Math.min(from + CHUNK, clock.sizes.cases));
    log(`cases: ${Math.min(from + CHUNK, clock.sizes.cases)} / ${clock.sizes.cases}`);
    // Between transactions, so Ctrl-C is handled within seconds rather than at the end.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Message times: minutes to days apart, squeezed to end before the seed's "now". */
function messageTimes(created: number, clock: Clock, rand: () => number): number[] {
  const gaps = Array.from({ length: clock.sizes.messagesPerCase - 1 },
    () => 300_000 + rand() ** 2 * 2 * 86_400_000);
  const total = gaps.reduce((a, b) => a + b, 0);
  // Random room, so the newest cases do not all share one updated_at.
  const room = (clock.end - 60_000 - created) * (0.3 + 0.7 * rand());
  const scale = total > room ? Math.max(room, 0) / total : 1;
  const times = [created];
  for (const gap of gaps) times.push(times[times.length - 1]! + gap * scale);
  return times;
}

function insertCase(
  s: CaseStatements, acc: SeededAccount, clock: Clock, customerIds: Int32Array,
  rand: () => number, i: number,
): void {
  const frac = i / clock.sizes.cases;
  const created = clock.start + frac * SPAN_MS + rand() * (SPAN_MS / clock.sizes.cases) * 0.9;
  // A case's customer has already joined; 5% of cases have no customer at all.
  const { customers } = clock.sizes;
  const known = Math.max(1, Math.min(customers, Math.floor(frac * customers / 0.95)));
  const n = rand() < 0.05 ? -1 : Math.floor(rand() * known);
  const department = n >= 0 && rand() < 0.7 ? homeDepartment(n)
    : Math.floor(rand() * DEPARTMENTS.length);
  // Recent cases are mostly open; a few old ones were never closed. ~15% overall.
  const open = rand() < (frac > 0.9 ? 0.7 : 0.09);
  const times = messageTimes(created, clock, rand);
  const lastAt = times[times.length - 1]!;
  const closedAt = open ? null : Math.min(lastAt + 600_000, clock.end);
  const updatedAt = closedAt ?? lastAt;
  const customerId = n >= 0 ? customerIds[n]! : null;
  const customer = n >= 0 ? customerName(n) : null;
  const contact = n >= 0 && rand() < 0.9 ? customerEmail(n) : null;
  const staffId = acc.agentIds[department]!;
  const staffName = acc.agentNames[department]!;
  const caseNo = i + 1;

  const caseId = Number(s.kase.run(acc.accountId, caseNo, subject(rand, caseNo),
    open ? 'in_progress' : 'closed', acc.departmentIds[department]!, customerId, contact,
    staffId, iso(created), iso(updatedAt), closedAt === null ? null : iso(closedAt),
  ).lastInsertRowid);
  for (const [k, at] of times.entries()) {
    const r = rand();
    const visibility = k === 0 || r < 0.5 ? 'public' : r < 0.85 ? 'private' : 'supervisor';
    const fromCustomer = customer !== null && visibility === 'public'
      && rand() < (k === 0 ? 0.6 : 0.4);
    s.message.run(acc.accountId, caseId, visibility, messageBody(rand),
      fromCustomer ? 'customer' : 'staff', fromCustomer ? null : staffId,
      fromCustomer ? `${customer.first} ${customer.last}` : staffName, iso(at));
  }
  s.history.run(acc.accountId, caseId, iso(created), staffId, staffName);
}
