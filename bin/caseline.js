#!/usr/bin/env node
// The `caseline` command: runs the compiled CLI from dist/server.
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
