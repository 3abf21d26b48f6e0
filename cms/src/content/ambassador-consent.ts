import type { Core, Modules } from '@strapi/strapi';
import { networkPublishConsent } from '../contacts/network';
import { refuse } from '../platform/admin-errors';
import { AMBASSADOR, NETWORK_CONTACT } from '../platform/content-types';

const NO_CONSENT = {
  sv: 'Ambassadören kan publiceras först när hen har samtyckt till publicering. Samtycket förs in i nätverksregistret av samordnaren.',
  en: 'The ambassador can be published only with their consent to publish. The coordinator records the consent in the network register.',
};

/** Ambassadors are shown publicly only with their consent: publishing without it is refused. */
export const requireAmbassadorConsent: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== AMBASSADOR) return next();
  const params = context.params as {
    documentId?: string;
    status?: string;
    data?: { consentToPublish?: boolean };
  };

  const publishesNow =
    context.action === 'publish' ||
    ((context.action === 'create' || context.action === 'update') && params.status === 'published');
  if (publishesNow) {
    // The person's own consent is kept on their network contact; an ambassador page without one
    // linked still reads its own field (pages from before the network register).
    let consent = params.documentId ? await networkPublishConsent(strapi, params.documentId) : undefined;
    consent ??= params.data?.consentToPublish;
    if (consent === undefined && params.documentId) {
      const draft = await strapi.documents(AMBASSADOR).findOne({
        documentId: params.documentId,
        status: 'draft',
        fields: ['consentToPublish'],
      });
      consent = draft?.consentToPublish ?? false;
    }
    if (consent !== true) {
      throw refuse.onField('consentToPublish', NO_CONSENT);
    }
  }
  return next();
};

type LinkedContact = { publishConsent: boolean | null; ambassador: { documentId: string } | null };

/**
 * A consent withdrawn takes the page down: when a network contact's consent to publish is turned
 * off, or the contact is removed (an erasure), and no other linked contact consents, the
 * ambassador is unpublished in every language at once and its own consent field turned off, so
 * the draft says why and the next publish is refused until someone consents again.
 */
export const withdrawnConsentUnpublishes: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== NETWORK_CONTACT || (context.action !== 'update' && context.action !== 'delete'))
    return next();
  const { documentId } = context.params as { documentId?: string };
  if (!documentId) return next();
  const before = (await strapi.db.query(NETWORK_CONTACT).findOne({
    where: { documentId },
    select: ['publishConsent'],
    populate: { ambassador: { select: ['documentId'] } },
  })) as LinkedContact | null;
  const result = await next();
  const ambassador = before?.ambassador?.documentId;
  if (before?.publishConsent !== true || !ambassador) return result;
  const after = (await strapi.db.query(NETWORK_CONTACT).findOne({
    where: { documentId },
    select: ['publishConsent'],
    populate: { ambassador: { select: ['documentId'] } },
  })) as LinkedContact | null;
  if (after?.publishConsent === true && after.ambassador?.documentId === ambassador) return result;
  if ((await networkPublishConsent(strapi, ambassador)) === true) return result;
  await strapi.documents(AMBASSADOR).unpublish({ documentId: ambassador, locale: '*' } as never);
  await strapi.db
    .query(AMBASSADOR)
    .updateMany({ where: { documentId: ambassador }, data: { consentToPublish: false } });
  strapi.log.info(`Ambassador ${ambassador} unpublished: its consent to publish was withdrawn.`);
  return result;
};

export function installAmbassadorConsentRule(strapi: Core.Strapi) {
  strapi.documents.use(requireAmbassadorConsent);
  strapi.documents.use(withdrawnConsentUnpublishes);
}
