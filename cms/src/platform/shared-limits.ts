import type { Core } from '@strapi/strapi';
import type Redis from 'ioredis';
import type { Knex } from 'knex';
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
 * the register is there (one upsert per spend, in a table of rate-limiter-flexible's own), else in
 * this process's memory (SQLite means one process anyway). A store that stops answering never
 * refuses a visitor or stops a send: each shared limiter falls back to a memory one until the
 * store is back (rate-limiter-flexible's insurance limiter), so for that while each process
 * counts on its own.
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
    storeClient: strapi.db.connection,
    storeType: 'knex',
    tableName: RATE_LIMIT_TABLE,
    // Created above, once: the library's own CREATE TABLE IF NOT EXISTS, run by several limiters
    // or processes at once, fails on PostgreSQL with "type … already exists".
    tableCreated: true,
    insuranceLimiter,
  });
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

/** Closes this process's Redis connections (at destroy). */
export async function closeSharedLimits() {
  const clients = [...redisClients.values()];
  redisClients.clear();
  await Promise.all(clients.map((client) => client.quit().catch(() => client.disconnect())));
}

/** A refusal of rate-limiter-flexible (a RateLimiterRes), as opposed to a store's error. */
export function isRefusal(reason: unknown): reason is RateLimiterRes {
  return !(reason instanceof Error) && typeof (reason as RateLimiterRes)?.msBeforeNext === 'number';
}
