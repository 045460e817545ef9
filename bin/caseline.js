#!/usr/bin/env -S node --max-semi-space-size=8
// The `caseline` command: runs the compiled CLI from dist/server. The V8 flag is the one
// `npm start` gives (package.json): a young generation of 8 MB semi-spaces keeps the
// server's peak memory near half of what V8's default allows, at no measured cost in
// throughput (docs/performance.md).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../dist/server/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('Caseline is not built yet: run `npm run build` (npm ci does it).\n');
  process.exit(1);
}
const { main } = await import(pathToFileURL(entry).href);
const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
