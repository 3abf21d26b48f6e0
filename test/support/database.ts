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
  if (serverUrl)
    return postgresDatabase(serverUrl, `tasteget_test_${Date.now()}_${randomBytes(3).toString('hex')}`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tasteget-test-'));
  return {
    kind: 'sqlite',
    env: { DATABASE_FILENAME: path.join(dir, 'test.db') },
    drop: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

/**
 * A copy of a suite's database (taken while no Strapi runs on it): a copied SQLite file, or a
 * PostgreSQL database created from it as a template. For tests of what a boot does to data.
 */
export async function copyTestDatabase(source: TestDatabase): Promise<TestDatabase> {
  if (source.kind === 'postgres') {
    const from = new URL(source.env.DATABASE_URL).pathname.slice(1);
    return postgresDatabase(
      process.env.TEST_DATABASE_SERVER!,
      `${from}_copy_${randomBytes(2).toString('hex')}`,
      from,
    );
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tasteget-test-copy-'));
  const file = path.join(dir, 'test.db');
  await fs.copyFile(source.env.DATABASE_FILENAME, file);
  return {
    kind: 'sqlite',
    env: { DATABASE_FILENAME: file },
    drop: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

/** The machine's PostgreSQL server (CI's and the development machine's), for suites that need it. */
export const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
/** The machine's Redis server, likewise. */
export const LOCAL_REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A throw-away PostgreSQL database whatever the run's database: for suites about several
 * processes sharing one register, which SQLite (one writer, one machine) is not made for.
 */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_SERVER || process.env.DATABASE_URL || LOCAL_POSTGRES;
  return postgresDatabase(serverUrl, `tasteget_test_${Date.now()}_${randomBytes(3).toString('hex')}`);
}

/** A throw-away PostgreSQL database on the server, empty or made from `template`. */
async function postgresDatabase(serverUrl: string, name: string, template?: string): Promise<TestDatabase> {
  await withClient(serverUrl, (c) =>
    c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`),
  );
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

async function withClient<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
