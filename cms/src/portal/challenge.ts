import type { Core } from '@strapi/strapi';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib';
import type { Label } from '@tasteget/shared';
import { environment } from '../config/environment';

/**
 * Issues and verifies the proof-of-work challenges of the portal forms (ALTCHA, self-hosted).
 * A challenge is signed, expires, carries the time it was issued (for the minimum fill time) and
 * can be used once: used signatures are recorded in a small table shared by every CMS process.
 */
const USED_TABLE = 'portal_used_challenges';

type Challenge = Awaited<ReturnType<typeof createChallenge>>;
type Payload = Exclude<Parameters<typeof verifySolution>[0], string>;

export type ChallengeVerdict = 'ok' | 'invalid' | 'too-fast' | 'reused';

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

export async function ensureChallengeTable(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  if (!(await knex.schema.hasTable(USED_TABLE))) {
    await knex.schema.createTable(USED_TABLE, (table) => {
      table.string('signature', 200).primary();
      table.bigInteger('expires_at').notNullable().index();
    });
  }
}

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

/** Checks the form's `challenge` field. Anything malformed is simply invalid, never an error. */
export async function verifyChallenge(strapi: Core.Strapi, encoded: string): Promise<ChallengeVerdict> {
  let payload: Payload;
  let issuedAt: number;
  let expiresAt: number;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
    if (typeof payload?.signature !== 'string' || typeof payload.salt !== 'string') return 'invalid';
    if (!(await verifySolution(payload, hmacKey(), true))) return 'invalid';
    const params = extractParams(payload);
    issuedAt = Number(params.issuedAt);
    expiresAt = Number(params.expires) * 1000;
  } catch {
    return 'invalid';
  }
  // The salt, and with it these parameters, is covered by the signature.
  if (!Number.isFinite(issuedAt) || !Number.isFinite(expiresAt)) return 'invalid';
  if (Date.now() - issuedAt < environment().PORTAL_MIN_FILL_SECONDS * 1000) return 'too-fast';
  return recordUse(strapi, payload.signature, expiresAt);
}

/** Records that a signature has been used; a second use of the same one is refused. */
export async function recordUse(
  strapi: Core.Strapi,
  signature: string,
  expiresAt: number,
): Promise<'ok' | 'reused'> {
  try {
    await strapi.db.connection(USED_TABLE).insert({ signature, expires_at: expiresAt });
    return 'ok';
  } catch (error) {
    if (isUniqueViolation(error)) return 'reused';
    throw error;
  }
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
