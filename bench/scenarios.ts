/**
 * What is measured: the six staff requests plus the bare-Fastify ceiling, each
 * with its target from the issue. Every request is drawn at random from the seeded
 * data, searches are for customers of the searching agent's own department (a search
 * only covers the caller's department, and an empty answer would measure little).
 */
import type { RawRequest } from 'autocannon';
import {
  DEPARTMENTS, SIZES, customerEmail, homeDepartment, typedPhone,
} from './data.js';
import { messageBody } from './text.js';

/** The agent every Caseline scenario runs as: Support, neither admin nor supervisor. */
export const AGENT_DEPARTMENT = 3;

export interface Goal {
  minRps?: number;
  maxP99Ms?: number;
}

export interface Scenario {
  key: string;
  title: string;
  server: 'ceiling' | 'caseline';
  goal: Goal | null;
  next(rand: () => number): RawRequest;
  /** How many things a 2xx answer holds (items, messages), to check probes are not empty. */
  count(body: unknown): number;
}

const randomCaseNo = (rand: () => number) => 1 + Math.floor(rand() * SIZES.cases);

/** A customer whose cases mostly sit in the agent's department. */
function ownCustomer(rand: () => number): number {
  const perDepartment = SIZES.customers / DEPARTMENTS.length;
  const n = AGENT_DEPARTMENT + DEPARTMENTS.length * Math.floor(rand() * perDepartment);
  if (homeDepartment(n) !== AGENT_DEPARTMENT) throw new Error('homeDepartment changed shape');
  return n;
}

const items = (body: unknown) => (body as { items: unknown[] }).items.length;
const search = (query: string): RawRequest => ({
  method: 'GET', path: `/api/v1/cases?${query}&status=all`,
});

export const SCENARIOS: readonly Scenario[] = [
  {
    key: 'ceiling', title: 'Bare Fastify route (ceiling)', server: 'ceiling', goal: null,
    next: () => ({ method: 'GET', path: '/' }),
    count: () => 1,
  },
  {
    key: 'case', title: 'GET a case', server: 'caseline', goal: { minRps: 2000, maxP99Ms: 20 },
    next: (rand) => ({ method: 'GET', path: `/api/v1/cases/${randomCaseNo(rand)}` }),
    count: (body) => (body as { messages: unknown[] }).messages.length,
  },
  {
    key: 'phone', title: 'Search by phone', server: 'caseline', goal: { maxP99Ms: 20 },
    next: (rand) => search(`phone=${encodeURIComponent(typedPhone(ownCustomer(rand), rand))}`),
    count: items,
  },
  {
    key: 'email', title: 'Search by e-mail', server: 'caseline', goal: { maxP99Ms: 20 },
    next: (rand) => search(
      `email=${encodeURIComponent(customerEmail(ownCustomer(rand)).toUpperCase())}`),
    count: items,
  },
  {
    key: 'customer', title: 'Search by Customer ID', server: 'caseline', goal: { maxP99Ms: 20 },
    next: (rand) => search(`customerNo=${ownCustomer(rand) + 1}`),
    count: items,
  },
  {
    // The issue sets no target for the desk; it is reported beside the searches.
    key: 'desk', title: 'List the desk', server: 'caseline', goal: null,
    next: () => ({ method: 'GET', path: '/api/v1/cases' }),
    count: items,
  },
  {
    key: 'message', title: 'Add a message', server: 'caseline', goal: { minRps: 500 },
    next: (rand) => ({
      method: 'POST', path: `/api/v1/cases/${randomCaseNo(rand)}/messages`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: messageBody(rand), visibility: 'private' }),
    }),
    count: () => 1,
  },
];

export const RSS_LIMIT_MB = 250;
