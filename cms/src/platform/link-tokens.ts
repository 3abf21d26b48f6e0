import { createHmac, timingSafeEqual } from 'node:crypto';
import { environment } from './environment';

/**
 * Links in mail that act on one record without a login and without a stored secret: the record's
 * id and an HMAC of it for one purpose, keyed with PORTAL_TOKEN_SECRET. Unguessable and
 * unforgeable; valid for as long as the record exists (what it allows, such as withdrawing a
 * consent, must be harmless to repeat).
 */
export type LinkPurpose = 'withdraw-contact-consent' | 'newsletter-preferences';

const sign = (purpose: LinkPurpose, id: string) =>
  createHmac('sha256', `${environment().PORTAL_TOKEN_SECRET}:${purpose}`).update(id).digest('base64url');

export function linkToken(purpose: LinkPurpose, id: string): string {
  return `${id}.${sign(purpose, id)}`;
}

/** The id a token of `purpose` was made for, or null for anything else. */
export function linkTokenId(purpose: LinkPurpose, token: unknown): string | null {
  if (typeof token !== 'string') return null;
  const match = /^([A-Za-z0-9]{10,64})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, id, signature] = match;
  return timingSafeEqual(Buffer.from(sign(purpose, id)), Buffer.from(signature)) ? id : null;
}

/**
 * A link that expires: `payload` (any text) and its expiry, signed for one purpose. For downloads
 * of private files, whose links are handed to a logged-in user and must not outlive the moment.
 */
export type ExpiringPurpose = 'private-file';

const signExpiring = (purpose: ExpiringPurpose, body: string) =>
  createHmac('sha256', `${environment().PORTAL_TOKEN_SECRET}:${purpose}`).update(body).digest('base64url');

export function expiringToken(
  purpose: ExpiringPurpose,
  payload: string,
  ttlMs: number,
  now = Date.now(),
): string {
  const body = Buffer.from(JSON.stringify({ p: payload, e: now + ttlMs })).toString('base64url');
  return `${body}.${signExpiring(purpose, body)}`;
}

/** The payload of a valid, unexpired token of `purpose`; null for anything else. */
export function expiringTokenPayload(
  purpose: ExpiringPurpose,
  token: unknown,
  now = Date.now(),
): string | null {
  if (typeof token !== 'string') return null;
  const match = /^([A-Za-z0-9_-]{10,2000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, body, signature] = match;
  if (!timingSafeEqual(Buffer.from(signExpiring(purpose, body)), Buffer.from(signature))) return null;
  try {
    const { p, e } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
      p: unknown;
      e: unknown;
    };
    return typeof p === 'string' && typeof e === 'number' && e > now ? p : null;
  } catch {
    return null;
  }
}
