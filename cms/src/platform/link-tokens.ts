import { createHmac, timingSafeEqual } from 'node:crypto';
import { environment } from './environment';

/**
 * Links in mail that act on one record without a login and without a stored secret: the record's
 * id and an HMAC of it for one purpose, keyed with PORTAL_TOKEN_SECRET. Unguessable and
 * unforgeable; valid for as long as the record exists (what it allows, such as withdrawing a
 * consent, must be harmless to repeat).
 */
export type LinkPurpose = 'withdraw-contact-consent';

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
