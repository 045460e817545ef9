/**
 * A server under test in its own process: started on 127.0.0.1 and a free port, ready
 * once a GET answers 200, stopped with SIGTERM (SIGKILL if it hangs). Its own process
 * keeps its CPU and memory apart from the load generator's, so RSS and CPU time
 * read from /proc are the server's alone.
 */
import { spawn } from 'node:child_process';
import { freePort } from '../scripts/postgres.mjs';
import { onCleanup } from './cleanup.js';

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const LINES_KEPT = 50;

export interface RunningServer {
  name: string;
  url: string;
  pid: number;
  /** The last lines the server printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface ServerSpec {
  name: string;
  args: string[];
  cwd: string;
  /** Added to a minimal environment; PORT and HOST are set here. */
  env: Record<string, string>;
  readyPath: string;
}

export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, spec.args, {
    cwd: spec.cwd,
    // Only what the server needs: nothing of the caller's environment (PUBLIC_URL,
    // NODE_OPTIONS, npm_*) may change what is measured.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_ENV: 'production',
      ...spec.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (d: Buffer) => {
    lines.push(...d.toString().split('\n').filter((l) => l.trim() !== ''));
    lines.splice(0, Math.max(0, lines.length - LINES_KEPT));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = onCleanup(spec.name, async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }, () => child.kill('SIGKILL'));

  const url = `http://127.0.0.1:${port}`;
  const output = () => lines.join('\n');
  try {
    await waitReady(`${url}${spec.readyPath}`, exited);
  } catch (err) {
    await stop();
    throw new Error(`${spec.name} did not start: ${(err as Error).message}\n${output()}`);
  }
  if (child.pid === undefined) throw new Error(`${spec.name} has no pid`);
  return { name: spec.name, url, pid: child.pid, output, stop };
}

async function waitReady(url: string, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => { gone = true; });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone) throw new Error('it exited');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no 200 from ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}
