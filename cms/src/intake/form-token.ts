import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { environment } from '../platform/environment';
import { recordUse, type ChallengeVerdict } from './challenge';

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

export async function verifyFormToken(strapi: Core.Strapi, token: string): Promise<ChallengeVerdict> {
  const env = environment();
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return 'invalid';
  const [, issued, nonce, signature] = match;
  const expected = Buffer.from(sign(`${issued}.${nonce}`));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return 'invalid';
  const issuedAt = Number(issued);
  const expiresAt = issuedAt + env.PORTAL_CHALLENGE_TTL_MINUTES * 60_000;
  if (Date.now() > expiresAt) return 'invalid';
  if (Date.now() - issuedAt < env.PORTAL_MIN_FILL_SECONDS * 1000) return 'too-fast';
  return recordUse(strapi, `form:${signature}`, expiresAt);
}
