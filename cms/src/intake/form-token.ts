import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { environment } from '../platform/environment';
import type { ProofCheck } from './challenge';

/**
 * The spam check of a form posted without JavaScript, which cannot solve a proof-of-work: the CMS
 * answers the first post with a page to check and confirm, carrying a signed token with the time
 * it was issued. The confirming post must come after the minimum fill time, before the token
 * expires, and only once (the same used-signature table as the challenges).
 */
const sign = (payload: string) =>
  createHmac('sha256', `${environment().PORTAL_TOKEN_SECRET}:form-token`).update(payload).digest('base64url');

export function issueFormToken(now = Date.now()): string {
  const payload = `${now}.${randomBytes(12).toString('base64url')}`;
  return `${payload}.${sign(payload)}`;
}

/** The token's own checks; spent like a challenge (`recordUse`), under `form:<signature>`. */
export function checkFormToken(token: string, now = Date.now()): ProofCheck {
  const env = environment();
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { verdict: 'invalid' };
  const [, issued, nonce, signature] = match;
  const expected = Buffer.from(sign(`${issued}.${nonce}`));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return { verdict: 'invalid' };
  const issuedAt = Number(issued);
  const expiresAt = issuedAt + env.PORTAL_CHALLENGE_TTL_MINUTES * 60_000;
  if (now > expiresAt) return { verdict: 'invalid' };
  if (now - issuedAt < env.PORTAL_MIN_FILL_SECONDS * 1000) return { verdict: 'too-fast' };
  return { verdict: 'ok', proof: { key: `form:${signature}`, expiresAt } };
}
