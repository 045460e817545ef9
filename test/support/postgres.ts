// Per-test PostgreSQL databases on the one server that scripts/run-tests.mjs starts.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestPgDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  /** Drops the database, disconnecting whoever is still connected; safe to call twice. */
  drop(): Promise<void>;
}

/** URL of the server's maintenance database; throws when the tests were not started by npm test. */
export function testPgServerUrl(): string {
  const url = process.env.CASELINE_TEST_PG_URL;
  // Never skip: a PostgreSQL test that silently passes without a server proves nothing.
  if (!url) {
    throw new Error(
      'CASELINE_TEST_PG_URL is not set. Run the tests with `npm test` ' +
        '(e.g. `npm test -- test/support`), which starts PostgreSQL and sets it.',
    );
  }
  return url;
}

async function withAdminClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPgServerUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database with a unique name on the test server. */
export async function createTestPgDatabase(): Promise<TestPgDatabase> {
  // pid + random: test files run as parallel processes against one server.
  const name = `caseline_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(async (client) => {
    // FILE_COPY copies template1's files instead of WAL-logging every block; with fsync off
    // on the test server that is the faster strategy.
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} STRATEGY = FILE_COPY`);
  });
  const url = new URL(testPgServerUrl());
  url.pathname = `/${name}`;

  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    drop() {
      dropped ??= withAdminClient(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      });
      return dropped;
    },
  };
}
