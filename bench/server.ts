/**
 * The Caseline server under test: compiled (see build.ts) and started as `npm start`
 * starts it, `node bin/caseline.js serve` (dist/server/cli/main.js only exports main()),
 * on the run's private copy of the seeded database, logging warnings only so writing
 * logs does not dominate what is measured.
 */
import path from 'node:path';
import { ROOT } from './build.js';
import { startServer, type RunningServer } from './child.js';

/** `profileDir`: where node's --cpu-prof writes the server's profile when it stops. */
export function startCaseline(databaseFile: string, profileDir?: string): Promise<RunningServer> {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  return startServer({
    name: 'Caseline server',
    args: [...profile, path.join(ROOT, 'bin/caseline.js'), 'serve'],
    cwd: ROOT,
    env: {
      DATABASE_URL: `sqlite:${databaseFile}`,
      LOG_LEVEL: 'warn',
      CASELINE_SIGNUP: 'closed',
    },
    readyPath: '/readyz',
  });
}
