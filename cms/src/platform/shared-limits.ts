import type { Core } from '@strapi/strapi';
import type Redis from 'ioredis';
import type { Knex } from 'knex';
import type { Pool } from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  type RateLimiterAbstract,
  type RateLimiterRes,
} from 'rate-limiter-flexible';
import { environment } from './environment';
import { onFirstUse } from './on-first-use';

/**
 * Rate limits that every CMS process shares, so N processes allow the limit once, not N times:
 * in Redis when REDIS_URL is set (made for it: one round trip, no table), else in PostgreSQL when
 * the register is there (one upsert per spend, in a table of rate-limiter-flexible's own, on
 * connections of its own: see `limitPool`), else in this process's memory (SQLite means one
 * process anyway). A store that stops answering never refuses a visitor or stops a send: each
 * shared limiter falls back to a memory one until the store is back (rate-limiter-flexible's
 * insurance limiter), so for that while each process counts on its own.
 */
export type LimitStore = { kind: 'redis'; url: string } | { kind: 'postgres' } | { kind: 'memory' };

export function limitStore(env = environment()): LimitStore {
  if (env.REDIS_URL) return { kind: 'redis', url: env.REDIS_URL };
  if (env.DATABASE_URL) return { kind: 'postgres' };
  return { kind: 'memory' };
}

/** A named limit: `points` spends per `duration` seconds and key. */
export interface LimitSpec {
  name: string;
  points: number;
  duration: number;
}

/** rate-limiter-flexible's table, created by it on first use (keys carry the limit's name). */
export const RATE_LIMIT_TABLE = 'tasteget_rate_limits';

// Only when REDIS_URL is set: the embedded default has no Redis.
const ioredis = onFirstUse<typeof import('ioredis')>('ioredis');

/** This process's Redis connections, one per URL (in practice one). */
const redisClients = new Map<string, Redis>();

function redisClient(url: string): Redis {
  let client = redisClients.get(url);
  if (!client) {
    // No offline queue: a spend while Redis is away fails at once and the insurance limiter answers.
    client = new (ioredis().default)(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // A lost connection is reconnected by ioredis; meanwhile the insurance limiter counts.
    client.on('error', () => {});
    redisClients.set(url, client);
  }
  return client;
}

/** How long a first connection to Redis is waited for before the insurance limiter answers. */
const REDIS_CONNECT_WAIT_MS = 2_000;

/** Resolves when the client is ready, or after the wait: without an offline queue it would refuse. */
async function connected(client: Redis) {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, REDIS_CONNECT_WAIT_MS);
    client.once('ready', done);
  });
}

/** A limiter on the configured store; resolves once its store is ready (the table exists). */
export async function sharedLimiter(
  strapi: Pick<Core.Strapi, 'db'>,
  spec: LimitSpec,
  store: LimitStore = limitStore(),
): Promise<RateLimiterAbstract> {
  const base = { keyPrefix: spec.name, points: spec.points, duration: spec.duration };
  const insuranceLimiter = new RateLimiterMemory(base);
  if (store.kind === 'memory') return insuranceLimiter;
  if (store.kind === 'redis') {
    const client = redisClient(store.url);
    await connected(client);
    return new RateLimiterRedis({ ...base, storeClient: client, insuranceLimiter });
  }
  await rateLimitTable(strapi.db.connection);
  return new RateLimiterPostgres({
    ...base,
    storeClient: limitPool(strapi.db.connection),
    storeType: 'pool',
    tableName: RATE_LIMIT_TABLE,
    // Created above, once: the library's own CREATE TABLE IF NOT EXISTS, run by several limiters
    // or processes at once, fails on PostgreSQL with "type … already exists".
    tableCreated: true,
    insuranceLimiter,
  });
}

// Loaded only on PostgreSQL, as knex loads it.
const pg = onFirstUse<typeof import('pg')>('pg');

/** Connections per process for the limits: a spend takes well under a millisecond. */
const LIMIT_POOL_MAX = 4;

/** The limits' own pools, one per register connection pool (in practice one). */
const limitPools = new Map<Knex, Pool>();

/**
 * The PostgreSQL limits spend on a small pool of their own, to the register's database, whose
 * sessions commit asynchronously (`synchronous_commit = off`). A spend is one upsert of one row
 * per IP and path, so every request from one address updates the same row: with a durable
 * commit each waited for the previous one's WAL flush, holding a connection of the register's
 * pool meanwhile (`bench:intake`, sampled: the commonest statement waiting on the flush, and the
 * only one waiting on a row lock). A counter needs no durability: a crash of PostgreSQL loses at
 * most the last fraction of a second of spends (three times wal_writer_delay), never the table's
 * consistency, and the register's commits stay synchronous.
 */
export function limitPool(knex: Knex): Pool {
  let pool = limitPools.get(knex);
  if (!pool) {
    const connection = (knex.client as { config: Knex.Config }).config.connection;
    pool = new (pg().Pool)({
      ...(typeof connection === 'string' ? { connectionString: connection } : (connection as object)),
      max: LIMIT_POOL_MAX,
      options: '-c synchronous_commit=off',
    });
    // An idle connection the server dropped: the pool replaces it; a spend meanwhile falls back
    // to the insurance limiter.
    pool.on('error', () => {});
    limitPools.set(knex, pool);
  }
  return pool;
}

/** Codes PostgreSQL answers a concurrent CREATE TABLE IF NOT EXISTS with: another creator won. */
const CREATED_MEANWHILE = new Set(['23505', '42P07', '42710']);
const tables = new WeakMap<Knex, Promise<void>>();

/** The limits' table, in the library's own layout; created once per connection pool. */
function rateLimitTable(knex: Knex): Promise<void> {
  let created = tables.get(knex);
  if (!created) {
    created = knex
      .raw(
        `CREATE TABLE IF NOT EXISTS ?? (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
        [RATE_LIMIT_TABLE],
      )
      .then(
        () => undefined,
        (error: { code?: string }) => {
          if (CREATED_MEANWHILE.has(error.code ?? '')) return;
          tables.delete(knex); // tried again by the next limiter
          throw error;
        },
      );
    tables.set(knex, created);
  }
  return created;
}

/** Closes this process's Redis connections and the limits' PostgreSQL pools (at destroy). */
export async function closeSharedLimits() {
  const clients = [...redisClients.values()];
  const pools = [...limitPools.values()];
  redisClients.clear();
  limitPools.clear();
  await Promise.all([
    ...clients.map((client) => client.quit().catch(() => client.disconnect())),
    ...pools.map((pool) => pool.end().catch(() => {})),
  ]);
}

/** A refusal of rate-limiter-flexible (a RateLimiterRes), as opposed to a store's error. */
export function isRefusal(reason: unknown): reason is RateLimiterRes {
  return !(reason instanceof Error) && typeof (reason as RateLimiterRes)?.msBeforeNext === 'number';
}
