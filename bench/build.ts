/**
 * The benchmark measures the compiled server, as `npm start` runs it. Compiling takes
 * ~25 s of CPU (47 s on a busy 2-core machine), so it only happens when a source file
 * is newer than dist. Only the server half of `npm run build` runs (tsc): the web app is
 * not measured, and rebuilding dist/web under someone's running browser tests would
 * pull files from under them.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_ENTRY = path.join(ROOT, 'dist/server/cli/main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

export function isBuildStale(): boolean {
  if (!fs.existsSync(SERVER_ENTRY)) return true;
  const built = fs.statSync(SERVER_ENTRY).mtimeMs;
  const config = fs.statSync(path.join(ROOT, 'tsconfig.json')).mtimeMs;
  return Math.max(newestSource(path.join(ROOT, 'src')), config) > built;
}

/** Compiles the server when stale; returns the seconds it took, or null when up to date. */
export async function buildServerIfStale(): Promise<number | null> {
  if (!isBuildStale()) return null;
  const started = performance.now();
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.json'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = onCleanup('tsc', () => { child.kill('SIGTERM'); }, () => child.kill('SIGKILL'));
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  await stop();
  // tsc still emits on type errors, but a tree that does not compile is not one to measure.
  if (code !== 0) throw new Error(`the server does not compile (tsc exit ${code}):\n${output}`);
  return (performance.now() - started) / 1000;
}
