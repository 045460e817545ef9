/**
 * Starts the bare-Fastify ceiling (ceiling-server.mjs) in a child process on 127.0.0.1.
 * Measured in the same run, with the same load generator and connections, it shows
 * what this machine can do at all right now, so Caseline's figures can be read
 * against it even on a busy machine.
 */
import path from 'node:path';
import { ROOT } from './build.js';
import { startServer, type RunningServer } from './child.js';

export function startCeiling(): Promise<RunningServer> {
  return startServer({
    name: 'ceiling server',
    args: [path.join(ROOT, 'bench/ceiling-server.mjs')],
    cwd: ROOT,
    env: {},
    readyPath: '/',
  });
}
