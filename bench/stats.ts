/**
 * Figures from several rounds: the median of each, which one noisy round on a shared
 * machine cannot drag the way it drags a mean; and the verdict against the goal.
 */
import type { Measurement } from './load.js';
import type { Goal } from './scenarios.js';

export function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Summary {
  rps: number;
  p50: number;
  p99: number;
  /** Summed over rounds, not medians: one failure in any round counts. */
  non2xx: number;
  errors: number;
  cpuMsPerRequest: number;
  peakRssMb: number;
  rounds: Measurement[];
}

export function summarise(rounds: Measurement[]): Summary {
  const of = (pick: (m: Measurement) => number) => median(rounds.map(pick));
  return {
    rps: of((m) => m.rps),
    p50: of((m) => m.p50),
    p99: of((m) => m.p99),
    non2xx: rounds.reduce((sum, m) => sum + m.non2xx, 0),
    errors: rounds.reduce((sum, m) => sum + m.errors, 0),
    cpuMsPerRequest: of((m) => m.cpuMsPerRequest),
    peakRssMb: Math.max(...rounds.map((m) => m.peakRssMb).filter((v) => !Number.isNaN(v)), 0),
    rounds,
  };
}

export interface Verdict {
  met: boolean;
  /** What fell short, in words, e.g. "p99 34 ms > 20 ms"; empty when met. */
  misses: string[];
}

export function judge(goal: Goal | null, s: Summary): Verdict | null {
  if (goal === null) return null;
  const misses: string[] = [];
  if (goal.minRps !== undefined && !(s.rps >= goal.minRps)) {
    misses.push(`${Math.round(s.rps)} req/s < ${goal.minRps}`);
  }
  if (goal.maxP99Ms !== undefined && !(s.p99 <= goal.maxP99Ms)) {
    misses.push(`p99 ${s.p99} ms > ${goal.maxP99Ms} ms`);
  }
  if (s.non2xx > 0) misses.push(`${s.non2xx} non-2xx answers`);
  if (s.errors > 0) misses.push(`${s.errors} connection errors`);
  return { met: misses.length === 0, misses };
}

export function goalText(goal: Goal | null): string {
  if (goal === null) return '—';
  const parts: string[] = [];
  if (goal.minRps !== undefined) parts.push(`≥ ${goal.minRps.toLocaleString('en')} req/s`);
  if (goal.maxP99Ms !== undefined) parts.push(`p99 ≤ ${goal.maxP99Ms} ms`);
  return parts.join(', ');
}
