/**
 * One measurement: a warm-up the figures ignore (JIT, SQLite page cache, connection
 * set-up), then a timed autocannon run at fixed concurrency without pipelining, each
 * request built afresh by the scenario so no two connections hammer one row.
 * autocannon records latency in whole milliseconds (an HDR histogram of integers).
 */
import autocannon, { type RawRequest, type Result } from 'autocannon';
import { onInterrupt } from './cleanup.js';
import { cpuMsOf, type RssSampler } from './proc.js';

export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers outside 2xx: a fast 404 is a failure, not a result. */
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  statusCodes: Record<string, number>;
  /** Server CPU (user + system) per answered request, in milliseconds. */
  cpuMsPerRequest: number;
  /** Peak server RSS during this measurement. */
  peakRssMb: number;
}

export interface Target {
  url: string;
  pid: number;
  rss?: RssSampler;
}

/** Runs autocannon once, for `seconds`, stoppable by Ctrl-C. */
async function fire(
  url: string, seconds: number, connections: number, next: () => RawRequest,
  headers: Record<string, string>,
): Promise<Result> {
  const instance = autocannon({
    url, connections, pipelining: 1, duration: seconds, timeout: 10, headers,
    requests: [{
      setupRequest: (req) => {
        const own = next();
        return { ...req, ...own, headers: { ...req.headers, ...own.headers } };
      },
    }],
  });
  const forget = onInterrupt(() => instance.stop());
  try {
    return await instance;
  } finally {
    forget();
  }
}

export async function measure(
  target: Target, settings: LoadSettings, next: () => RawRequest,
  headers: Record<string, string> = {},
): Promise<Measurement> {
  await fire(target.url, settings.warmupSeconds, settings.connections, next, headers);
  target.rss?.take();
  const cpuBefore = cpuMsOf(target.pid);
  const result = await fire(target.url, settings.seconds, settings.connections, next, headers);
  const cpuMs = cpuMsOf(target.pid) - cpuBefore;
  const requests = result.requests.total;
  return {
    rps: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats)
      .map(([code, { count }]) => [code, Number(count)])),
    cpuMsPerRequest: requests > 0 ? cpuMs / requests : NaN,
    peakRssMb: target.rss?.take() ?? NaN,
  };
}
