import type { Core, Modules } from '@strapi/strapi';
import { normalizeEmail, type Locale } from '@tasteget/shared';
import { subscriptionConfirmation } from '../../mail/mails';
import { enqueueMail, wakeMailQueue } from '../../mail/outbox';
import { refuse } from '../../platform/admin-errors';
import { SUBSCRIPTION } from '../../platform/content-types';
import { changedOwnedFields, refuseOwnedFields } from '../../platform/owned-fields';
import { contentManagerRequest } from '../../platform/request-user';
import { countyNewsletter, newsletterName } from '../newsletters';
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

const DATES = ['consentAt', 'confirmedAt', 'unsubscribedAt', 'confirmSentAt'];

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
      const result = await strapi.db.transaction(async () => {
        const saved = await next();
        const subscription = await oneSubscriptionPerNewsletter(
          strapi,
          (saved as { documentId: string }).documentId,
        );
        await enqueueMail(
          strapi,
          subscriptionConfirmation({
            email,
            confirmToken,
            language,
            newsletters: [newsletterName(subscription.newsletter, language)],
            conversation: subscription.contact?.documentId,
            subscriptionDocumentId: subscription.documentId,
          }),
          subscription.contact?.id,
        );
        return saved;
      });
      wakeMailQueue();
      return result;
    }

    if (context.action === 'update' && params.documentId) {
      const changed = await changedOwnedFields(
        strapi,
        { uid: SUBSCRIPTION, fields: OWNERS_FIELDS, dates: DATES },
        params.documentId,
        data,
      );
      if (changed.length > 0) refuseOwnedFields(REFUSAL, changed);
    }
    if (context.action === 'update' && params.documentId) {
      const documentId = params.documentId;
      return strapi.db.transaction(async () => {
        const saved = await next();
        await oneSubscriptionPerNewsletter(strapi, documentId);
        return saved;
      });
    }
    return next();
  };
  strapi.documents.use(rule);
}

const TWIN = {
  sv: 'Adressen har redan en prenumeration på det här nyhetsbrevet.',
  en: 'The address already has a subscription to this newsletter.',
};

/**
 * A subscription saved in the admin belongs to a newsletter (the county's when none was picked),
 * and an address holds one subscription per newsletter: a second one is refused and the save
 * rolled back (this runs inside the save's transaction).
 */
async function oneSubscriptionPerNewsletter(strapi: Core.Strapi, documentId: string) {
  const row = (await strapi.db.query(SUBSCRIPTION).findOne({
    where: { documentId },
    select: ['id', 'documentId', 'email'],
    populate: { newsletter: { select: ['id', 'name', 'nameEn'] }, contact: { select: ['id', 'documentId'] } },
  })) as {
    id: number;
    documentId: string;
    email: string;
    newsletter: { id: number; name: string; nameEn: string | null } | null;
    contact: { id: number; documentId: string } | null;
  };
  let newsletter = row.newsletter;
  if (!newsletter) {
    newsletter = await countyNewsletter(strapi);
    await strapi.db
      .query(SUBSCRIPTION)
      .update({ where: { id: row.id }, data: { newsletter: newsletter.id } });
  }
  const twins = await strapi.db.query(SUBSCRIPTION).count({
    where: { email: row.email, newsletter: { id: newsletter.id }, id: { $ne: row.id } },
  });
  if (twins > 0) {
    throw refuse.onField('email', TWIN);
  }
  return { ...row, newsletter };
}
