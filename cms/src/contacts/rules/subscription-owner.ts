import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { normalizeEmail, type Locale } from '@tasteget/shared';
import { subscriptionConfirmation } from '../../mail/mails';
import { enqueueMail, wakeMailQueue } from '../../mail/outbox';
import { SUBSCRIPTION } from '../../platform/content-types';
import { contentManagerRequest } from '../../platform/request-user';
import { newToken } from '../subscriptions';

/**
 * A subscription's status is its owner's: the opt-in link confirms it, the unsubscribe link ends
 * it. In the admin, staff keep interests, municipalities and language up to date, but:
 * - a subscription entered in the admin starts `pending` and gets the opt-in mail, whatever
 *   status or consent the form said, so double opt-in cannot be skipped;
 * - a save that would change the status, the consent record or the tokens is refused.
 * The portal's own paths (subscribe, confirm, unsubscribe) run outside an admin request, and the
 * coordinator's status change (with a reason, logged) is an admin endpoint of its own.
 */
const OWNERS_FIELDS = [
  'subscriptionStatus',
  'consentAt',
  'consentVersion',
  'confirmedAt',
  'unsubscribedAt',
  'confirmToken',
  'unsubscribeToken',
  'statusLog',
  'confirmSentAt',
] as const;

const REFUSAL = {
  sv: 'Prenumerationens status och samtycke ändras bara av prenumeranten, via länkarna i mejlen.',
  en: "A subscription's status and consent are changed only by the subscriber, through the links in the mails.",
};

const DATES = new Set<string>(['consentAt', 'confirmedAt', 'unsubscribedAt', 'confirmSentAt']);

/** A value of the admin's form against the stored one: dates compared as instants. */
function same(field: string, given: unknown, stored: unknown): boolean {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  if (empty(given) || empty(stored)) return empty(given) && empty(stored);
  if (DATES.has(field)) return new Date(given as string).getTime() === new Date(stored as string).getTime();
  if (typeof given === 'object' || typeof stored === 'object')
    return JSON.stringify(given) === JSON.stringify(stored);
  return String(given) === String(stored);
}

export function installSubscriptionOwnerRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== SUBSCRIPTION || !contentManagerRequest(strapi)) return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    const data = params.data;
    if (!data) return next();

    if (context.action === 'create') {
      for (const field of OWNERS_FIELDS) delete data[field];
      const confirmToken = newToken();
      const email = normalizeEmail(String(data.email ?? ''));
      const language: Locale = data.language === 'en' ? 'en' : 'sv';
      Object.assign(data, {
        email,
        subscriptionStatus: 'pending',
        confirmToken,
        confirmSentAt: new Date(),
        unsubscribeToken: newToken(),
        bounceCount: 0,
      });
      const result = await next();
      await enqueueMail(strapi, subscriptionConfirmation({ email, confirmToken, language }));
      wakeMailQueue();
      return result;
    }

    if (context.action === 'update' && params.documentId) {
      const stored = (await strapi.db.query(SUBSCRIPTION).findOne({
        where: { documentId: params.documentId },
        select: [...OWNERS_FIELDS],
      })) as Record<string, unknown> | null;
      const changed = OWNERS_FIELDS.filter((f) => f in data && !same(f, data[f], stored?.[f]));
      if (stored && changed.length > 0) {
        throw new errors.ValidationError(`${REFUSAL.sv} / ${REFUSAL.en}`, {
          messages: REFUSAL,
          errors: changed.map((field) => ({
            path: [field],
            message: `${REFUSAL.sv} / ${REFUSAL.en}`,
            name: 'ValidationError',
          })),
        });
      }
    }
    return next();
  };
  strapi.documents.use(rule);
}
