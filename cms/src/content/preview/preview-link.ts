import { createHmac, timingSafeEqual } from 'node:crypto';
import type { UID } from '@strapi/strapi';
import type { PreviewType } from '@tasteget/shared';
import { environment } from '../../platform/environment';
import {
  AMBASSADOR,
  ARTICLE,
  COWORKING_SPACE,
  EDITION,
  EVENT,
  KOMMUN,
  STORY,
} from '../../platform/content-types';

/**
 * Draft preview links. The admin's preview handler signs a link to the portal's preview page for
 * one document in one language, valid for PREVIEW_TTL_MINUTES; the portal passes the signature on
 * to the CMS's preview endpoint, which answers with the draft only when the signature holds and has
 * not expired. No long-lived secret is ever put in a URL, and the portal never holds the key.
 */

/** What can be previewed, by the name used in links. */
export const PREVIEW_TYPES = {
  story: STORY,
  article: ARTICLE,
  event: EVENT,
  kommun: KOMMUN,
  edition: EDITION,
  ambassador: AMBASSADOR,
  coworking: COWORKING_SPACE,
} as const satisfies Record<PreviewType, UID.ContentType>;
export type { PreviewType };
export type PreviewLocale = 'sv' | 'en';

export interface PreviewTarget {
  type: PreviewType;
  documentId: string;
  locale: PreviewLocale;
}

export interface PreviewSignature {
  /** Expiry, milliseconds since the epoch. */
  expires: number;
  signature: string;
}

export const isPreviewType = (value: string): value is PreviewType => Object.hasOwn(PREVIEW_TYPES, value);

const sign = (target: PreviewTarget, expires: number) =>
  createHmac('sha256', `${environment().PORTAL_TOKEN_SECRET}:draft-preview`)
    .update(`${target.type}\n${target.documentId}\n${target.locale}\n${expires}`)
    .digest('base64url');

export function signPreview(target: PreviewTarget, now = Date.now()): PreviewSignature {
  const expires = now + environment().PREVIEW_TTL_MINUTES * 60_000;
  return { expires, signature: sign(target, expires) };
}

export type PreviewVerdict = 'valid' | 'expired' | 'invalid';

export function verifyPreview(
  target: PreviewTarget,
  expires: string | undefined,
  signature: string | undefined,
  now = Date.now(),
): PreviewVerdict {
  if (!expires || !/^\d{1,15}$/.test(expires) || !signature) return 'invalid';
  const expected = Buffer.from(sign(target, Number(expires)));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  return Number(expires) < now ? 'expired' : 'valid';
}
