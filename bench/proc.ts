/**
 * What Linux says about a server process: resident memory (VmRSS now, VmHWM the peak
 * since it started) from /proc/PID/status, and CPU time from /proc/PID/stat. CPU time
 * per request is the figure that a busy machine disturbs least.
 */
import fs from 'node:fs';

export interface Memory {
  rssMb: number;
  hwmMb: number;
}

export function memoryOf(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm')
    .exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** User + system CPU milliseconds the process has used so far. */
export function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name, which may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** USER_HZ is 100 on every Linux that Node supports. */
const CLOCK_TICKS = 100;

/** Samples RSS every few hundred ms while load runs; `take()` returns the peak since. */
export class RssSampler {
  private peak = 0;
  private overall = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, intervalMs = 200) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  private sample(): void {
    try {
      const { rssMb } = memoryOf(this.pid);
      this.peak = Math.max(this.peak, rssMb);
      this.overall = Math.max(this.overall, rssMb);
    } catch {
      // The process is gone; stop() will be called by the run.
    }
  }

  take(): number {
    this.sample();
    const peak = this.peak;
    this.peak = 0;
    return peak;
  }

  get overallPeakMb(): number {
    return this.overall;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
