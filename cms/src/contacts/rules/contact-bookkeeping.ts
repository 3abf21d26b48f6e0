import type { Core, Modules } from '@strapi/strapi';
import { REGION, type MunicipalitySlug } from '@tasteget/shared';
import { CONTACT } from '../../platform/content-types';
import { installOwnedFields } from '../../platform/owned-fields';
import { contentManagerRequest } from '../../platform/request-user';
import { responsibleQueue } from '../assignment';

/**
 * The contact card's bookkeeping is the register's, not a form's:
 * - The first-response deadline is counted once, from arrival, and the first response is set by
 *   the guide's first logged dialog (`../../workspace/first-response.ts`): a save that would move
 *   either is refused. (An edit form opened before the first response holds an empty one; that
 *   rule drops it, so saving such a form is not refused.)
 * - The last activity, when the work was closed (`rules/move-status.ts`) and the consent record
 *   change in the background while a form is open (a reply arrives, the person withdraws by the
 *   mail's link): a form's copy is stale, so the stored value stays and the rest of the save goes
 *   through. Consent changes only through the person
 *   and its log (`../consent-log.ts`).
 * - The responsible queue follows the choices: when a save changes the municipalities chosen and
 *   leaves the contact assigned to one it no longer chose, or to the region though it now chose
 *   one, it goes to the first municipality chosen (or the region when none is left). Only the
 *   coordinator can so move a contact: a guide's save that would take it out of their queue is
 *   refused by the queue guard (`../../platform/access-scopes.ts`).
 */
const CLOCK = {
  sv: 'Svarstiden räknas från registreringen och första svaret sätts när en vägledare loggar en kontakt i dialogen. Fälten kan inte ändras för hand.',
  en: 'The response deadline is counted from the registration, and the first response is set when a guide logs a contact in the dialog. The fields cannot be changed by hand.',
};
const DATES = [
  'firstResponseDueAt',
  'firstRespondedAt',
  'closedAt',
  'lastActivityAt',
  'contactConsentAt',
  'contactConsentWithdrawnAt',
  'newsletterConsentAt',
];

export function installContactBookkeepingRules(strapi: Core.Strapi) {
  installOwnedFields(strapi, {
    uid: CONTACT,
    fields: ['firstResponseDueAt', 'firstRespondedAt'],
    dates: DATES,
    onChange: CLOCK,
  });
  installOwnedFields(strapi, {
    uid: CONTACT,
    fields: [
      'closedAt',
      'lastActivityAt',
      'contactConsentAt',
      'contactConsentVersion',
      'contactConsentWithdrawnAt',
      'newsletterConsentAt',
      'newsletterConsentVersion',
    ],
    dates: DATES,
    onChange: 'keep',
  });

  const queueFollowsChoices: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== CONTACT || context.action !== 'update' || !contentManagerRequest(strapi))
      return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    const data = params.data;
    if (!params.documentId || !data || !Array.isArray(data.municipalities)) return next();
    const chosen = data.municipalities as MunicipalitySlug[];
    const stored = (await strapi.db.query(CONTACT).findOne({
      where: { documentId: params.documentId },
      select: ['assignedMunicipality', 'municipalities'],
    })) as { assignedMunicipality: string | null; municipalities: MunicipalitySlug[] | null } | null;
    // Only a change of the choices moves the queue, and only when the save leaves the queue as it
    // was: an assignment the coordinator made on purpose stays.
    if (!stored || JSON.stringify(stored.municipalities ?? []) === JSON.stringify(chosen)) return next();
    const assigned = stored.assignedMunicipality;
    if ('assignedMunicipality' in data && data.assignedMunicipality !== assigned) return next();
    const stale =
      assigned === REGION || !assigned ? chosen.length > 0 : !chosen.includes(assigned as MunicipalitySlug);
    if (stale) data.assignedMunicipality = responsibleQueue(chosen);
    return next();
  };
  strapi.documents.use(queueFollowsChoices);
}
