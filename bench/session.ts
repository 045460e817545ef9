/**
 * Signing in as the benchmark's agent, and probing each scenario with a few ordinary
 * requests before loading it: a scenario that answers 401 or 404, or finds nothing,
 * would produce fast and meaningless figures.
 */
import { ACCOUNT, PASSWORD, agentEmail } from './data.js';
import type { Scenario } from './scenarios.js';

/**
 * The session cookie of a department's agent (or of the admin, `'admin'`), as a Cookie
 * header value. Writes with it need no Origin header.
 */
export async function signIn(url: string, who: number | 'admin'): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: ACCOUNT.slug,
      email: who === 'admin' ? ACCOUNT.adminEmail : agentEmail(who), password: PASSWORD }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${text}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('caseline_session='));
  if (!cookie) throw new Error('sign-in set no caseline_session cookie');
  return cookie;
}

export interface Probe {
  requests: number;
  /** Answers holding at least one item (or message). */
  nonEmpty: number;
  meanCount: number;
}

export async function probe(
  url: string, scenario: Scenario, headers: Record<string, string>, rand: () => number,
  requests = 20,
): Promise<Probe> {
  let nonEmpty = 0;
  let total = 0;
  for (let i = 0; i < requests; i++) {
    const req = scenario.next(rand);
    const res = await fetch(url + (req.path ?? '/'), {
      method: req.method ?? 'GET',
      headers: { ...headers, ...req.headers },
      ...(req.body !== undefined && { body: req.body }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) {
      throw new Error(`${scenario.title}: ${req.method} ${req.path} answered ${res.status}: `
        + text.slice(0, 300));
    }
    const count = scenario.count(JSON.parse(text));
    total += count;
    if (count > 0) nonEmpty++;
  }
  return { requests, nonEmpty, meanCount: total / requests };
}
