import path from 'node:path';
import { DEFAULT_RETRY_POLICY, SENDER_VARIABLES, senderProblems } from '@tasteget/newsletter';
import { envFlag, SMTP_VARIABLES } from '@tasteget/shared';
import { z } from 'zod';

/**
 * The CMS environment, validated once at start-up. Every variable has a safe default for the
 * embedded mode (SQLite, local mail catcher); in production the secrets must be set and must not
 * be the development defaults, or the CMS refuses to start and names the variable.
 */

/** cms/src/config, or cms/dist/src/config once compiled: the repository root is above `cms/`. */
const dirParts = __dirname.split(path.sep);
const REPO_ROOT = dirParts.slice(0, dirParts.lastIndexOf('cms')).join(path.sep) || path.sep;

/** Development-only secrets. Public on purpose: production refuses them. */
export const DEVELOPMENT_SECRETS = {
  APP_KEYS: 'dev-only-app-key-1,dev-only-app-key-2',
  API_TOKEN_SALT: 'dev-only-api-token-salt',
  ADMIN_JWT_SECRET: 'dev-only-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'dev-only-transfer-token-salt',
  JWT_SECRET: 'dev-only-jwt-secret',
  ENCRYPTION_KEY: 'dev-only-encryption-key',
  PORTAL_TOKEN_SECRET: 'dev-only-portal-token-secret',
} as const;
export type SecretName = keyof typeof DEVELOPMENT_SECRETS;
export const SECRET_NAMES = Object.keys(DEVELOPMENT_SECRETS) as SecretName[];

/** 0 asks the OS for a free port (tests). */
const listenPort = z.coerce.number().int().min(0).max(65535);
const url = z.url({ protocol: /^https?$/ });
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

const baseSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: listenPort.default(1337),
  PUBLIC_URL: url.optional(),
  SITE_URL: url.default('http://127.0.0.1:4321'),
  /**
   * Municipal websites: allowed to call the portal endpoints and to embed the registration form
   * (comma-separated origins, e.g. https://www.are.se).
   */
  CORS_ORIGINS: list.pipe(z.array(url)).default([]),

  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_FILENAME: z
    .string()
    .min(1)
    .default(path.join(REPO_ROOT, 'data', 'tasteget.db')),
  DATABASE_SSL: envFlag.default(false),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * Where the rate limits every process shares are counted (platform/shared-limits.ts): Redis when
   * set, else PostgreSQL when DATABASE_URL is set, else this process's memory.
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),

  /**
   * Uploads on S3-compatible storage when S3_BUCKET is set; on the local disk (cms/public/uploads)
   * otherwise. Credentials may be left out where the SDK finds them itself (an instance role).
   * S3_ENDPOINT and S3_FORCE_PATH_STYLE are for storage other than AWS (MinIO, Ceph, a Swedish
   * provider). S3_ACL: 'public-read' for buckets with ACLs, 'none' for buckets whose policy makes
   * the objects readable (AWS's default since 2023, Cloudflare R2).
   */
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().min(1).default('eu-north-1'),
  S3_ENDPOINT: url.optional(),
  S3_FORCE_PATH_STYLE: envFlag.default(false),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_ACL: z.enum(['public-read', 'none']).default('public-read'),
  /** Private files (reply attachments) on S3: this bucket, default S3_BUCKET, under private/ and never public. */
  S3_PRIVATE_BUCKET: z.string().min(3).optional(),
  /** Private files without S3: a folder no web server serves. */
  PRIVATE_FILES_DIR: z
    .string()
    .min(1)
    .default(path.join(REPO_ROOT, 'data', 'private-files')),
  /** Where visitors' browsers read uploaded files (a CDN, or the bucket's URL); the portal build reads it too. */
  MEDIA_URL: url.optional(),

  /** The relay of the register's mail; the newsletter sender reads the same variables. */
  ...SMTP_VARIABLES,
  MAIL_FROM: z.string().min(3).default('Ta Steget <info@tasteget.local>'),
  MAIL_REPLY_TO: z.string().min(3).default('info@tasteget.local'),

  /** Where notices about contacts in the region's queue go (no municipality chosen). */
  REGION_GUIDE_EMAIL: z.email().default('region@tasteget.local'),
  /** Behind a reverse proxy: take the visitor's IP from X-Forwarded-For (for rate limits). */
  TRUST_PROXY: envFlag.default(false),
  /**
   * How many proxies in front of the CMS append to X-Forwarded-For (a load balancer: 1; a CDN in
   * front of it: 2). The visitor's IP is read that many entries from the right: what a client
   * wrote into the header itself, further left, is never believed.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(5).default(1),
  /**
   * How long the CMS keeps an idle HTTP connection open. It must outlast the proxy's own idle
   * time (HAProxy drops idle server connections within seconds, AWS's load balancer after 60 s):
   * if the CMS closes first, a request the proxy sends down that connection at the same instant is
   * lost, and the proxy drops the visitor's connection. Node's default is 5 s.
   */
  HTTP_KEEP_ALIVE_SECONDS: z.coerce.number().int().min(1).max(3600).default(75),

  /** Portal endpoints: requests per IP and minute, per endpoint. */
  PORTAL_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /**
   * The pages' statistics beacon: beacons per IP and minute. Higher than the forms': a school or
   * an office behind one address browses many pages, and a refused beacon only loses a count.
   */
  PORTAL_BEACON_LIMIT: z.coerce.number().int().min(1).default(600),
  /** Links in mail (confirm, unsubscribe): requests with an unknown token per IP and minute. Valid tokens are never limited. */
  PORTAL_JUNK_TOKEN_LIMIT: z.coerce.number().int().min(1).default(20),
  /** Largest accepted request body of a portal endpoint. */
  PORTAL_BODY_LIMIT_KB: z.coerce.number().int().min(1).max(1024).default(32),
  /** A form submitted faster than this after its challenge was fetched is taken for a bot. */
  PORTAL_MIN_FILL_SECONDS: z.coerce.number().min(0).default(3),
  /** Proof-of-work difficulty: the solver tries up to this many candidates (about 0.1–0.5 s in a browser). */
  PORTAL_POW_MAX_NUMBER: z.coerce.number().int().min(1).default(50_000),
  /** Challenges expire after this many minutes. */
  PORTAL_CHALLENGE_TTL_MINUTES: z.coerce.number().int().min(1).default(60),
  /** A newsletter opt-in link works this many days after it was sent; then the person subscribes again. */
  CONFIRM_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Draft preview links opened from the admin (Strapi's preview button) expire after this many minutes. */
  PREVIEW_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),

  /** Outbox: how often pending mail is looked for, the retry delays (doubling up to a maximum) and the give-up point. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).default(5000),
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).default(30_000),
  OUTBOX_RETRY_MAX_MS: z.coerce.number().int().min(10).default(3_600_000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(12),

  /**
   * Two-way mail (inbound/README.md). Replies and bounces come back to svar+<token>@ and
   * bounce+<token>@INBOUND_DOMAIN, which the mail system delivers to the mailbox the inbound
   * worker reads over IMAP. No INBOUND_IMAP_HOST: no worker (the addresses are still written).
   */
  INBOUND_DOMAIN: z
    .string()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'must be a domain name')
    .default('inbound.tasteget.local'),
  INBOUND_IMAP_HOST: z.string().min(1).optional(),
  INBOUND_IMAP_PORT: listenPort.default(993),
  INBOUND_IMAP_SECURE: envFlag.default(true),
  INBOUND_IMAP_USER: z.string().min(1).optional(),
  /** A password, or INBOUND_IMAP_ACCESS_TOKEN for OAuth2 (Microsoft 365, Google). */
  INBOUND_IMAP_PASSWORD: z.string().min(1).optional(),
  INBOUND_IMAP_ACCESS_TOKEN: z.string().min(1).optional(),
  INBOUND_MAILBOX: z.string().min(1).default('INBOX'),
  /** Listen with IMAP IDLE and read the mailbox as soon as mail arrives (else only every INBOUND_POLL_MS). */
  INBOUND_IDLE: envFlag.default(true),
  /** How often the mailbox is read when IDLE brought nothing. */
  INBOUND_POLL_MS: z.coerce.number().int().min(50).default(30_000),
  /** Messages read per pass. */
  INBOUND_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
  /** How long a worker holds a message it is processing before another may take it over. */
  INBOUND_LEASE_MS: z.coerce.number().int().min(1000).default(120_000),
  /** A message that failed this many times goes to the quarantine folder. */
  INBOUND_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(3),
  /** Larger messages are quarantined unread. */
  INBOUND_MAX_MESSAGE_KB: z.coerce
    .number()
    .int()
    .min(16)
    .default(25 * 1024),
  /** Transient bounces that suppress an address, and the window they are counted in. */
  BOUNCE_SOFT_LIMIT: z.coerce.number().int().min(1).default(3),
  BOUNCE_SOFT_WINDOW_DAYS: z.coerce.number().int().min(1).default(30),

  /**
   * The portal server's rebuild hook (scripts/portal-server.mjs): told when published content
   * changes, it rebuilds the static site. Unset: no rebuilds are asked for.
   */
  SITE_REBUILD_URL: url.optional(),
  /** Shared with the portal server: authenticates rebuild requests. Required in production with SITE_REBUILD_URL. */
  SITE_BUILD_SECRET: z.string().min(16).default('dev-only-site-build-secret'),

  /**
   * Intake inbox: the worker folds registrations into the register once no registration has
   * arrived for INTAKE_QUIET_MS, and at the latest INTAKE_MAX_DEFER_MS after one arrived, so a
   * burst of visitors is answered first and the register catches up right after.
   */
  INTAKE_QUIET_MS: z.coerce.number().int().min(0).default(200),
  INTAKE_MAX_DEFER_MS: z.coerce.number().int().min(0).default(30_000),

  /** The guides' daily reminder, a cron rule in Stockholm time. */
  GUIDE_REMINDER_SCHEDULE: z.string().min(9).default('0 7 * * *'),
  /**
   * The yearly register purge, a cron rule in Stockholm time (e.g. "0 6 15 1 *"). Unset: disabled,
   * and the coordinator runs it from the admin or with `npm run register:purge`.
   */
  REGISTER_PURGE_SCHEDULE: z.string().min(9).optional(),

  /**
   * The newsletter: its sender (SMTP_* among them, the relay above; see newsletter/README.md) and
   * the campaign worker every CMS process runs unless NEWSLETTER_WORKER=false (the headless
   * `newsletter:worker` runs one anyway).
   */
  ...SENDER_VARIABLES,
  NEWSLETTER_WORKER: envFlag.default(true),
  /** How often a worker looks for queued deliveries when it was not woken. */
  NEWSLETTER_POLL_MS: z.coerce.number().int().min(20).default(5000),
  /** Deliveries claimed at once; a claim is a lease, so a dead worker's batch returns after it. */
  NEWSLETTER_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  NEWSLETTER_LEASE_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(5 * 60_000),
  NEWSLETTER_RETRY_BASE_MS: z.coerce.number().int().min(10).default(DEFAULT_RETRY_POLICY.baseMs),
  NEWSLETTER_RETRY_MAX_MS: z.coerce.number().int().min(10).default(DEFAULT_RETRY_POLICY.maxMs),
  NEWSLETTER_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(DEFAULT_RETRY_POLICY.maxAttempts),

  /** Seed demo content (and the local demo admin) on first start of an empty database. */
  SEED_ON_EMPTY: envFlag.optional(),

  ...(Object.fromEntries(SECRET_NAMES.map((name) => [name, z.string().optional()])) as Record<
    SecretName,
    z.ZodOptional<z.ZodString>
  >),
});

export type Environment = Omit<z.output<typeof baseSchema>, SecretName | 'APP_KEYS'> & {
  [K in Exclude<SecretName, 'APP_KEYS'>]: string;
} & {
  APP_KEYS: string[];
  PUBLIC_URL: string;
  SEED_ON_EMPTY: boolean;
  isProduction: boolean;
};

export class EnvironmentError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvironmentError';
  }
}

export function parseEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = baseSchema.safeParse(setVariables(source));
  if (!parsed.success) {
    throw new EnvironmentError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';

  const problems: string[] = [];
  const secrets = {} as Record<SecretName, string>;
  for (const name of SECRET_NAMES) {
    const value = env[name];
    const fallback = DEVELOPMENT_SECRETS[name];
    if (isProduction) {
      if (!value) problems.push(`${name} is required in production`);
      else if (value === fallback || value.includes('dev-only'))
        problems.push(`${name} is set to a development default; set a secret of your own`);
      else if (value.replace(/,/g, '').length < 16)
        problems.push(`${name} is too short (at least 16 characters)`);
    }
    secrets[name] = value ?? fallback;
  }
  problems.push(...senderProblems(env));
  if (isProduction) problems.push(...publicUrlProblems(env));
  if (isProduction && env.SITE_REBUILD_URL && env.SITE_BUILD_SECRET.includes('dev-only'))
    problems.push('SITE_BUILD_SECRET is set to a development default; set a secret of your own');
  if (problems.length > 0) throw new EnvironmentError(problems);

  return {
    ...env,
    ...secrets,
    APP_KEYS: secrets.APP_KEYS.split(',').map((k) => k.trim()),
    PUBLIC_URL: env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`,
    SEED_ON_EMPTY: env.SEED_ON_EMPTY ?? !isProduction,
    isProduction,
  };
}

/**
 * In production the addresses people reach are https: mail carries PUBLIC_URL's confirm and
 * unsubscribe links and its List-Unsubscribe (RFC 8058 requires https for one-click), and the
 * portal is SITE_URL.
 */
function publicUrlProblems(env: { PUBLIC_URL?: string; SITE_URL: string }): string[] {
  const problems: string[] = [];
  if (!env.PUBLIC_URL) problems.push('PUBLIC_URL is required in production: the https:// address of the CMS');
  for (const name of ['PUBLIC_URL', 'SITE_URL'] as const) {
    const value = env[name];
    if (value && new URL(value).protocol !== 'https:')
      problems.push(`${name} must be an https:// URL in production (it is ${value})`);
  }
  return problems;
}

/** The variables this schema knows, as strings; an empty one counts as unset. */
const VARIABLE_NAMES = Object.keys(baseSchema.shape);

function setVariables(source: NodeJS.ProcessEnv): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of VARIABLE_NAMES) {
    const value = source[name];
    if (value) values[name] = value;
  }
  return values;
}

let parsedFor: { key: string; environment: Environment } | undefined;

/**
 * The validated environment of this process. The variables are read on every call, so a process
 * that boots Strapi more than once, or a test that changes a variable, always sees the current
 * ones; they are parsed again only when one of them changed. (Enumerating process.env and parsing
 * it on every call cost about a third of a millisecond per portal request.)
 */
export function environment(): Environment {
  const key = VARIABLE_NAMES.map((name) => process.env[name] ?? '').join('\0');
  if (parsedFor?.key !== key) parsedFor = { key, environment: Object.freeze(parseEnvironment(process.env)) };
  return parsedFor.environment;
}
