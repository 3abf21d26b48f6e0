import type { Core, Modules } from '@strapi/strapi';
import { networkPublishConsent } from '../contacts/network';
import { refuse } from '../platform/admin-errors';
import { AMBASSADOR } from '../platform/content-types';

const NO_CONSENT = {
  sv: 'Ambassadören kan publiceras först när hen har samtyckt till publicering.',
  en: 'The ambassador can be published only with their consent to publish.',
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

export function installAmbassadorConsentRule(strapi: Core.Strapi) {
  strapi.documents.use(requireAmbassadorConsent);
}
