// Runs the `caseline` command from source (bin/caseline.js runs the compiled copy), so the
// CLI tests exercise the code under test: node --import tsx test/support/run-cli.ts ARGS
import { main } from '../../src/cli/main.js';

const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
