import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { environment } from '../platform/environment';
import type { ProofCheck } from './challenge';

/**
 * The spam check of a form posted without JavaScript, which cannot solve a proof-of-work: the CMS
 * answers the first post with a page to check and confirm, carrying a signed token with the time
 * it was issued. The confirming post must come after the minimum fill time, before the token
 * expires, and only once (the same used-signature table as the challenges). The token is bound
 * to the form it was issued for and to the data the visitor was shown: it sends that data to
 * that form, nothing else.
 */
export type PostedForm = Record<string, string | string[] | undefined>;

/** The form and its data, in one order whatever order the browser sends the fields in. */
function boundTo(path: string, fields: PostedForm): string {
  const data = Object.entries(fields)
    .map(([name, value]): [string, string[]] => [
      name,
      value === undefined ? [] : ([] as string[]).concat(value),
    ])
    .filter(([, values]) => values.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([path, data]))
    .digest('base64url');
}

const sign = (payload: string) =>
  createHmac('sha256', `${environment().PORTAL_TOKEN_SECRET}:form-token`).update(payload).digest('base64url');

export function issueFormToken(path: string, fields: PostedForm, now = Date.now()): string {
  const payload = `${now}.${randomBytes(12).toString('base64url')}`;
  return `${payload}.${sign(`${payload}.${boundTo(path, fields)}`)}`;
}

/** The token's own checks; spent like a challenge (`recordUse`), under `form:<signature>`. */
export function checkFormToken(
  token: string,
  path: string,
  fields: PostedForm,
  now = Date.now(),
): ProofCheck {
  const env = environment();
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { verdict: 'invalid' };
  const [, issued, nonce, signature] = match;
  const expected = Buffer.from(sign(`${issued}.${nonce}.${boundTo(path, fields)}`));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return { verdict: 'invalid' };
  const issuedAt = Number(issued);
  const expiresAt = issuedAt + env.PORTAL_CHALLENGE_TTL_MINUTES * 60_000;
  if (now > expiresAt) return { verdict: 'invalid' };
  if (now - issuedAt < env.PORTAL_MIN_FILL_SECONDS * 1000) return { verdict: 'too-fast' };
  return { verdict: 'ok', proof: { key: `form:${signature}`, expiresAt } };
}
