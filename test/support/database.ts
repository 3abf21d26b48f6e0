import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A fresh database for one suite: a temporary SQLite file by default, or, when DATABASE_URL points
 * at a PostgreSQL server, a throw-away database created on it and dropped afterwards.
 */
export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  // Remember the server URL: DATABASE_URL is pointed at the throw-away database for the boot.
  process.env.TEST_DATABASE_SERVER ??= process.env.DATABASE_URL ?? '';
  const serverUrl = process.env.TEST_DATABASE_SERVER;
  if (serverUrl) {
    const name = `tasteget_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
    await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      kind: 'postgres',
      env: { DATABASE_URL: url.toString() },
      drop: () =>
        withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
          () => undefined,
        ),
    };
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tasteget-test-'));
  return {
    kind: 'sqlite',
    env: { DATABASE_FILENAME: path.join(dir, 'test.db') },
    drop: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

async function withClient<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
