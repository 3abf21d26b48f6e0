import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type * as Altcha from 'altcha-lib' with { 'resolution-mode': 'import' };
import type { Label } from '@tasteget/shared';
import { environment } from '../platform/environment';
import type { OwnTable } from '../platform/own-tables';

/**
 * Issues and verifies the proof-of-work challenges of the portal forms (ALTCHA, self-hosted).
 * A challenge is signed, expires, carries the time it was issued (for the minimum fill time) and
 * can be used once: used signatures are recorded in a small table shared by every CMS process.
 */
const USED_TABLE = 'portal_used_challenges';

// altcha-lib ships a CommonJS build, which require() loads, but declares its types for the ESM build
// only, which TypeScript will not import into a CommonJS module: the same API, typed by hand here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createChallenge, extractParams } = require('altcha-lib') as typeof Altcha;

type Challenge = Awaited<ReturnType<typeof createChallenge>>;

export type ChallengeVerdict = 'ok' | 'invalid' | 'too-fast' | 'reused';

/**
 * A checked proof of work (a solved challenge or a no-script form token), not yet spent: the key it
 * is recorded under and until when.
 */
export interface Proof {
  key: string;
  expiresAt: number;
}
export type ProofCheck = { verdict: 'invalid' | 'too-fast' } | { verdict: 'ok'; proof: Proof };

/** What the visitor reads when the spam check refuses a form. */
export const CHALLENGE_MESSAGES: Record<Exclude<ChallengeVerdict, 'ok'>, Label> = {
  invalid: {
    sv: 'Säkerhetskontrollen misslyckades eller har gått ut. Ladda om sidan och försök igen.',
    en: 'The security check failed or has expired. Reload the page and try again.',
  },
  'too-fast': {
    sv: 'Formuläret skickades för snabbt. Vänta några sekunder och försök igen.',
    en: 'The form was sent too quickly. Wait a few seconds and try again.',
  },
  reused: {
    sv: 'Formuläret har redan skickats. Ladda om sidan om du vill skicka igen.',
    en: 'The form has already been sent. Reload the page to send again.',
  },
};

const hmacKey = () => `${environment().PORTAL_TOKEN_SECRET}:challenge`;

/** Spent challenges, until they expire: a solved challenge is accepted once. */
export const USED_CHALLENGES_TABLE: OwnTable = {
  name: USED_TABLE,
  columns: (table) => {
    table.string('signature', 200).primary();
    table.bigInteger('expires_at').notNullable().index();
  },
};

export async function issueChallenge(): Promise<Challenge> {
  const env = environment();
  const now = Date.now();
  return createChallenge({
    algorithm: 'SHA-256',
    hmacKey: hmacKey(),
    maxnumber: env.PORTAL_POW_MAX_NUMBER,
    expires: new Date(now + env.PORTAL_CHALLENGE_TTL_MINUTES * 60_000),
    params: { issuedAt: String(now) },
  });
}

/**
 * The form's `challenge` field's own checks, before it is recorded as used: signed by us, solved,
 * not expired, not sent faster than a person fills in a form. Anything malformed is simply
 * invalid, never an error.
 */
export function checkSolution(encoded: string, now = Date.now()): ProofCheck {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return { verdict: 'invalid' };
  }
  if (!isSolved(payload, hmacKey())) return { verdict: 'invalid' };
  // The salt, and with it these parameters, is covered by the signature.
  const params = extractParams(payload);
  const issuedAt = Number(params.issuedAt);
  const expiresAt = Number(params.expires) * 1000;
  if (!Number.isFinite(issuedAt) || !Number.isFinite(expiresAt) || expiresAt < now) {
    return { verdict: 'invalid' };
  }
  if (now - issuedAt < environment().PORTAL_MIN_FILL_SECONDS * 1000) return { verdict: 'too-fast' };
  return { verdict: 'ok', proof: { key: payload.signature, expiresAt } };
}

type Solution = { algorithm: 'SHA-256'; challenge: string; number: number; salt: string; signature: string };

/**
 * ALTCHA's verification (what altcha-lib's `verifySolution` computes): the challenge is the
 * SHA-256 of salt and number, the signature its HMAC under our key. Done with node:crypto's
 * synchronous hashes, because the library's Web Crypto calls (a key import and two async jobs per
 * form) took about a quarter of a millisecond, an eighth of a whole registration request.
 */
function isSolved(payload: unknown, key: string): payload is Solution {
  const p = payload as Partial<Solution> | null;
  if (typeof p !== 'object' || p === null || p.algorithm !== 'SHA-256') return false;
  if (typeof p.salt !== 'string' || typeof p.challenge !== 'string' || typeof p.signature !== 'string')
    return false;
  if (typeof p.number !== 'number' || !Number.isSafeInteger(p.number) || p.number < 0) return false;
  const challenge = createHash('sha256').update(`${p.salt}${p.number}`).digest('hex');
  const signature = createHmac('sha256', key).update(challenge).digest('hex');
  return sameText(challenge, p.challenge) && sameText(signature, p.signature);
}

function sameText(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Records that a proof has been used; a second use of the same one is refused. */
export async function recordUse(strapi: Core.Strapi, proof: Proof): Promise<'ok' | 'reused'> {
  try {
    await strapi.db.connection(USED_TABLE).insert({ signature: proof.key, expires_at: proof.expiresAt });
    return 'ok';
  } catch (error) {
    if (isUniqueViolation(error)) return 'reused';
    throw error;
  }
}

/**
 * Records the proof and inserts `row` into `table` as one step, so a form is spent exactly when its
 * effect is stored, and a visitor who retries after a failed insert is not told the form was
 * already sent. On PostgreSQL one statement: both or neither, in one round trip instead of two on
 * the intake's hot path. SQLite has no INSERT inside WITH, and a transaction there cost more than
 * the two statements (`bench:intake`: 513 registrations/s against 636): the record is taken back
 * if the insert fails, and only a crash between the two leaves a form spent.
 */
export async function insertWithProof(
  strapi: Core.Strapi,
  proof: Proof,
  table: string,
  row: Record<string, string | number>,
): Promise<'ok' | 'reused'> {
  const knex = strapi.db.connection;
  const columns = Object.keys(row);
  if (strapi.db.dialect.client === 'postgres') {
    const result = (await knex.raw(
      `WITH used AS (INSERT INTO ?? (signature, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING 1)
       INSERT INTO ?? (${columns.map(() => '??').join(', ')}) SELECT ${columns.map(() => '?').join(', ')} FROM used`,
      [USED_TABLE, proof.key, proof.expiresAt, table, ...columns, ...columns.map((c) => row[c])],
    )) as { rowCount: number };
    return result.rowCount === 1 ? 'ok' : 'reused';
  }
  if ((await recordUse(strapi, proof)) === 'reused') return 'reused';
  try {
    await knex(table).insert(row);
  } catch (error) {
    await knex(USED_TABLE).where({ signature: proof.key }).delete();
    throw error;
  }
  return 'ok';
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e.message ?? '')
  );
}

/** Forgets used challenges that have expired anyway. */
export async function pruneUsedChallenges(strapi: Core.Strapi) {
  await strapi.db.connection(USED_TABLE).where('expires_at', '<', Date.now()).delete();
}
