import { randomBytes } from 'node:crypto';
import knex, { type Knex } from 'knex';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkOf, rateWindow } from '../../cms/src/newsletter/send-rate';
import {
  closeSharedLimits,
  isRefusal,
  limitPool,
  limitStore,
  sharedLimiter,
  type LimitStore,
} from '../../cms/src/platform/shared-limits';
import { createPostgresDatabase, LOCAL_REDIS, type TestDatabase } from '../support/database';

/**
 * The stores behind the limits every CMS process shares (platform/shared-limits.ts), on the real
 * servers. Each "process" here has its own connection pool, as two CMS processes would; what one
 * spends, the other must see. The proxy test (scale-out.int.test.ts) checks the same through two
 * real CMS processes.
 */
let database: TestDatabase;
const pools: Knex[] = [];

/** A stand-in for a CMS process's Strapi: only its database connection is used. */
function processOn(url: string) {
  const connection = knex({ client: 'pg', connection: url, pool: { min: 0, max: 4 } });
  pools.push(connection);
  return { db: { connection } } as never;
}

beforeAll(async () => {
  database = await createPostgresDatabase();
});
afterAll(async () => {
  await closeSharedLimits();
  await Promise.all(pools.map((pool) => pool.destroy()));
  await database?.drop();
});

/** Spends one point at a time, alternating between the limiters; counts what was allowed. */
async function spendAlternately(limiters: RateLimiterAbstract[], key: string, attempts: number) {
  let allowed = 0;
  for (let i = 0; i < attempts; i += 1) {
    try {
      await limiters[i % limiters.length].consume(key);
      allowed += 1;
    } catch (reason) {
      if (!isRefusal(reason)) throw reason;
    }
  }
  return allowed;
}

const uniqueName = () => `test-${randomBytes(4).toString('hex')}`;

describe('the PostgreSQL store on a fresh database', () => {
  it('starts when many limiters of several processes create its table at once', async () => {
    const fresh = await createPostgresDatabase();
    try {
      const spec = { name: uniqueName(), points: 3, duration: 60 };
      // Each its own pool, as separate processes: the library's own CREATE TABLE IF NOT EXISTS
      // failed here with 'type "tasteget_rate_limits" already exists'.
      const limiters = await Promise.all(
        Array.from({ length: 32 }, () =>
          sharedLimiter(processOn(fresh.env.DATABASE_URL), spec, { kind: 'postgres' }),
        ),
      );
      expect(await spendAlternately(limiters, '203.0.113.5', 10)).toBe(3);
    } finally {
      await Promise.all(pools.splice(0).map((pool) => pool.destroy()));
      await fresh.drop();
    }
  });
});

describe('the store is chosen by the environment', () => {
  it('is Redis when REDIS_URL is set, PostgreSQL with DATABASE_URL, memory otherwise', () => {
    const base = { DATABASE_URL: undefined, REDIS_URL: undefined } as never;
    expect(limitStore(base)).toEqual({ kind: 'memory' });
    expect(limitStore({ ...(base as object), DATABASE_URL: 'postgres://x/y' } as never)).toEqual({
      kind: 'postgres',
    });
    expect(
      limitStore({
        ...(base as object),
        DATABASE_URL: 'postgres://x/y',
        REDIS_URL: 'redis://r:6379',
      } as never),
    ).toEqual({ kind: 'redis', url: 'redis://r:6379' });
  });
});

describe.each<[string, () => LimitStore]>([
  ['PostgreSQL', () => ({ kind: 'postgres' })],
  ['Redis', () => ({ kind: 'redis', url: LOCAL_REDIS })],
])('a limit kept in %s', (_label, store) => {
  it('is shared by two processes: 10 a minute in total, not 10 each', async () => {
    const spec = { name: uniqueName(), points: 10, duration: 60 };
    const limiters = [
      await sharedLimiter(processOn(database.env.DATABASE_URL), spec, store()),
      await sharedLimiter(processOn(database.env.DATABASE_URL), spec, store()),
    ];
    expect(await spendAlternately(limiters, '203.0.113.7', 25)).toBe(10);
    // Another key (another visitor's IP) has its own budget.
    expect(await spendAlternately(limiters, '203.0.113.8', 3)).toBe(3);
  });
});

describe('the PostgreSQL store’s connections', () => {
  it('commit spends without waiting for the WAL flush; the register’s commits stay durable', async () => {
    const cms = processOn(database.env.DATABASE_URL);
    const spec = { name: uniqueName(), points: 2, duration: 60 };
    const limiter = await sharedLimiter(cms, spec, { kind: 'postgres' });
    expect(await spendAlternately([limiter], '203.0.113.6', 3)).toBe(2);
    const register = (cms as { db: { connection: Knex } }).db.connection;
    const setting = async (run: Promise<{ rows: { synchronous_commit: string }[] }>) =>
      (await run).rows[0].synchronous_commit;
    expect(await setting(limitPool(register).query('SHOW synchronous_commit'))).toBe('off');
    expect(await setting(register.raw('SHOW synchronous_commit'))).toBe('on');
  });
});

describe('a limit kept in memory', () => {
  it('is each process’s own: why it is only the one-process default', async () => {
    const spec = { name: uniqueName(), points: 10, duration: 60 };
    const limiters = [
      await sharedLimiter(processOn(database.env.DATABASE_URL), spec, { kind: 'memory' }),
      await sharedLimiter(processOn(database.env.DATABASE_URL), spec, { kind: 'memory' }),
    ];
    expect(await spendAlternately(limiters, '203.0.113.7', 25)).toBe(20);
  });
});

describe('a store that does not answer', () => {
  it('never refuses because of the store: the process counts on its own meanwhile', async () => {
    // Nothing listens on port 1: every call to Redis fails at once.
    const limiter = await sharedLimiter(
      processOn(database.env.DATABASE_URL),
      { name: uniqueName(), points: 5, duration: 60 },
      { kind: 'redis', url: 'redis://127.0.0.1:1' },
    );
    expect(await spendAlternately([limiter], '203.0.113.9', 8)).toBe(5);
  });
});

describe('the send rate as windows', () => {
  it('turns a rate into whole points per window', () => {
    expect(rateWindow(50)).toEqual({ points: 50, duration: 1 });
    expect(rateWindow(0.5)).toEqual({ points: 1, duration: 2 });
  });

  it('takes chunks that divide a window exactly', () => {
    for (const points of [1, 7, 10, 50, 97, 100, 1000]) {
      const chunk = chunkOf(points);
      expect(points % chunk, String(points)).toBe(0);
      expect(chunk).toBeLessThanOrEqual(Math.max(1, points / 10));
    }
  });
});
