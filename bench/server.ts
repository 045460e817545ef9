/**
 * The Caseline server under test: compiled (see build.ts) and started as `npm start`
 * starts it, `node FLAGS bin/caseline.js serve` (dist/server/cli/main.js only exports main()),
 * on the run's private copy of the seeded database, logging warnings only so writing
 * logs does not dominate what is measured.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './build.js';
import { startServer, type RunningServer } from './child.js';

/**
 * The node flags `npm start` gives the server, read from package.json's start script
 * ("node FLAGS bin/caseline.js serve"), so what is measured is what runs.
 */
export function startScriptNodeFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.trim().split(/\s+/);
  const entry = words.indexOf('bin/caseline.js');
  if (words[0] !== 'node' || entry < 0) {
    throw new Error(`package.json start script is not "node … bin/caseline.js serve": ${
      pkg.scripts.start}`);
  }
  return words.slice(1, entry);
}

/** `profileDir`: where node's --cpu-prof writes the server's profile when it stops. */
export function startCaseline(databaseFile: string, profileDir?: string): Promise<RunningServer> {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  return startServer({
    name: 'Caseline server',
    args: [...startScriptNodeFlags(), ...profile, path.join(ROOT, 'bin/caseline.js'), 'serve'],
    cwd: ROOT,
    env: {
      DATABASE_URL: `sqlite:${databaseFile}`,
      LOG_LEVEL: 'warn',
      CASELINE_SIGNUP: 'closed',
    },
    readyPath: '/readyz',
  });
}
