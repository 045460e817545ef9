/**
 * A real Caseline app for tests, on a fresh SQLite file or a fresh PostgreSQL
 * database, driven through `inject()` with a small client that keeps cookies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { openStore, type DialectName, type Store } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrate.js';
import { createTestPgDatabase } from './postgres.js';

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  config: Config;
  close(): Promise<void>;
}

export async function startTestApp(
  dialect: DialectName, env: Record<string, string> = {},
): Promise<TestApp> {
  let url: string;
  let drop = async () => {};
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseline-test-'));
    url = `sqlite:${path.join(dir, 'caseline.db')}`;
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const pg = await createTestPgDatabase();
    url = pg.url;
    drop = pg.drop;
  }
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', PORT: '0', ...env });
  const store = openStore(url);
  await migrate(store);
  const app = await buildApp({ config, store, logger: false });
  await app.ready();
  return {
    app, store, config,
    async close() {
      await app.close();
      await store.close();
      await drop();
    },
  };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  raw: Buffer;
}

/** Talks to the app as one browser would: the session cookie is kept between calls. */
export class Client {
  cookie: string | undefined;
  /** The customer portal's cookie, kept apart so a test can send either or both. */
  portalCookie: string | undefined;
  bearer: string | undefined;

  constructor(readonly app: FastifyInstance) {}

  get<T = any>(url: string) { return this.send<T>('GET', url); }
  post<T = any>(url: string, body?: unknown) { return this.send<T>('POST', url, body); }
  patch<T = any>(url: string, body?: unknown) { return this.send<T>('PATCH', url, body); }
  delete<T = any>(url: string) { return this.send<T>('DELETE', url); }

  async send<T = any>(method: string, url: string, body?: unknown,
    extraHeaders: Record<string, string> = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    const cookies = [this.cookie, this.portalCookie].filter((c) => c !== undefined);
    if (cookies.length > 0) headers.cookie = cookies.join('; ');
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const payload = body === undefined ? undefined
      : typeof body === 'string' ? body : JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await this.app.inject({ method: method as 'GET', url, headers, payload });
    const setCookie = res.headers['set-cookie'];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = c.split(';');
      const cleared = pair?.endsWith('=') || /Max-Age=0|Expires=Thu, 01 Jan 1970/.test(c);
      if (pair?.startsWith('caseline_session=')) this.cookie = cleared ? undefined : pair;
      if (pair?.startsWith('caseline_portal=')) this.portalCookie = cleared ? undefined : pair;
    }
    const isJson = String(res.headers['content-type'] ?? '').includes('json');
    return {
      status: res.statusCode,
      body: (isJson && res.body ? JSON.parse(res.body) : res.body) as T,
      headers: res.headers,
      raw: res.rawPayload,
    };
  }
}

let counter = 0;
export const unique = (prefix: string) => `${prefix}${process.pid}x${++counter}`;

export interface SignedUp {
  admin: Client;
  account: { id: number; slug: string; name: string };
  user: { id: number; department: { id: number; name: string } };
}

/** Signs a new company up; the admin (also a supervisor) comes back signed in. */
export async function signUpAccount(
  app: FastifyInstance, overrides: Record<string, unknown> = {},
): Promise<SignedUp> {
  const admin = new Client(app);
  const name = unique('Acme ');
  const res = await admin.post('/api/v1/signup', {
    accountName: name, adminName: 'Ada Admin', adminEmail: `${unique('ada')}@example.com`,
    password: 'correct horse battery', ...overrides,
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.raw}`);
  return { admin, account: res.body.account, user: res.body.user };
}

/** Adds a member of staff through the API and returns them signed in. */
export async function addStaffMember(
  admin: Client, account: { slug: string },
  s: { departmentId: number; supervisor?: boolean; admin?: boolean; name?: string },
) {
  const email = `${unique('staff')}@example.com`;
  const password = 'a long enough password';
  const created = await admin.post('/api/v1/staff', {
    name: s.name ?? unique('Sam '), email, password, departmentId: s.departmentId,
    supervisor: s.supervisor ?? false, admin: s.admin ?? false,
  });
  if (created.status !== 201) throw new Error(`staff add failed: ${created.raw}`);
  const client = new Client(admin.app);
  const login = await client.post('/api/v1/auth/login', { account: account.slug, email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.raw}`);
  return { client, staff: created.body, email, password };
}

export async function addDepartment(admin: Client, name = unique('Dept ')) {
  const res = await admin.post('/api/v1/departments', { name });
  if (res.status !== 201) throw new Error(`department add failed: ${res.raw}`);
  return res.body as { id: number; name: string };
}

/** Opens a case through the API; overrides replace any top-level field. */
export async function openCase(client: Client, overrides: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/cases', {
    subject: 'Router keeps dropping the line',
    customer: { name: 'Carla Customer', phones: ['+1 (212) 555-0161'],
      emails: ['carla@example.com'] },
    message: { body: 'Customer called about the router.', visibility: 'public' },
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`open case failed: ${res.status} ${res.raw}`);
  return res.body;
}

/** Listens on 127.0.0.1 at a free port; answers the base URL, e.g. for SSE over real HTTP. */
export async function listenLocally(t: TestApp): Promise<string> {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** The path of the account's CTI webhook, as an admin reads it from the settings. */
export async function ctiHookOf(admin: Client): Promise<string> {
  return `/api/v1/cti/${(await admin.get('/api/v1/telephony')).body.token}`;
}
