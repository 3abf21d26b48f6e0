import type { Core, Modules } from '@strapi/strapi';
import { refuse } from '../platform/admin-errors';
import { CAMPAIGN } from '../platform/content-types';
import { changedOwnedFields, refuseOwnedFields } from '../platform/owned-fields';
import { contentManagerRequest } from '../platform/request-user';

/**
 * A campaign is written by hand only before it is sent. "Skicka" (`freeze.ts`) fixes its
 * recipients and content; from then on its status, counts and send time are the sender's
 * (`campaign-status.ts`), and the Content Manager may not put a sent campaign back to draft (it
 * would send again) nor change what went out. Before that, a person moves it only between
 * `draft` and `scheduled` (a marker of plans; nothing sends it by itself).
 */
const EDITABLE = ['draft', 'scheduled'];
const COUNTS = ['sentAt', 'recipientCount', 'sentCount', 'failedCount'];

const STARTED = {
  sv: 'Utskicket har skickats, skickas eller är avbrutet och kan inte ändras. Gör en kopia för ett nytt utskick.',
  en: 'The campaign has been sent, is being sent or was cancelled and cannot be changed. Make a copy for a new campaign.',
};
const SENDER_OWNS = {
  sv: 'Status, antal och sändningstid sätts av utskicket. Skicka, pausa eller avbryt från utskickets panel.',
  en: "Status, counts and send time are set by the sending. Send, pause or cancel from the campaign's panel.",
};

export function installCampaignEditRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== CAMPAIGN || !contentManagerRequest(strapi)) return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    const data = params.data;

    if (context.action === 'create' && data) {
      for (const field of COUNTS) delete data[field];
      if (!EDITABLE.includes(String(data.campaignStatus ?? 'draft'))) data.campaignStatus = 'draft';
      return next();
    }
    if (context.action === 'clone') {
      // A copy of a sent campaign is a new draft: nothing of the original's sending comes along.
      params.data = {
        ...data,
        campaignStatus: 'draft',
        sentAt: null,
        recipientCount: 0,
        sentCount: 0,
        failedCount: 0,
      };
      return next();
    }
    if (context.action === 'update' && params.documentId && data) {
      const stored = (await strapi.db.query(CAMPAIGN).findOne({
        where: { documentId: params.documentId },
        select: ['campaignStatus'],
      })) as { campaignStatus: string } | null;
      if (stored && !EDITABLE.includes(stored.campaignStatus)) throw refuse.invalid(STARTED);
      const changed = await changedOwnedFields(
        strapi,
        { uid: CAMPAIGN, fields: COUNTS, dates: ['sentAt'] },
        params.documentId,
        data,
      );
      if ('campaignStatus' in data && !EDITABLE.includes(String(data.campaignStatus)))
        changed.unshift('campaignStatus');
      if (changed.length > 0) refuseOwnedFields(SENDER_OWNS, changed);
    }
    return next();
  };
  strapi.documents.use(rule);
}
