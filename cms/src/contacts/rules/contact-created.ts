import type { Core, Modules } from '@strapi/strapi';
import { REGION, type MunicipalitySlug } from '@tasteget/shared';
import { logActivity } from '../activities';
import { newContactBookkeeping } from '../assignment';
import type { ContactRow } from '../contacts';
import { guideNotices, guideRecipients } from '../../mail/mails';
import { enqueueMail, wakeMailQueue } from '../../mail/outbox';
import { assignedQueue } from '../../platform/access-scopes';
import { CONTACT } from '../../platform/content-types';
import { requestUser } from '../../platform/request-user';

/**
 * A contact a guide enters by hand (met at an event, called in) gets what the intake gives every
 * registration: the responsible queue from the municipalities chosen, the first-response deadline
 * counted from now, and the first line of its log. What the guide set explicitly is kept. Entered
 * into another queue than the guide's own (a caller who chose Krokom, taken by Östersund's guide),
 * the responsible queue's guide gets the new-contact notice a registration gives, since the
 * deadline runs for them.
 */

export function installContactCreatedRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== CONTACT || context.action !== 'create') return next();
    const data = (context.params as { data?: Record<string, unknown> }).data;
    if (!data) return next();
    const now = new Date();
    // Nothing chosen is an empty choice, as a registration stores it: the card's readers count on lists.
    data.municipalities ??= [];
    data.topics ??= [];
    const municipalities = Array.isArray(data.municipalities)
      ? (data.municipalities as MunicipalitySlug[])
      : [];
    const given = newContactBookkeeping(municipalities, now);
    if (!data.assignedMunicipality || (data.assignedMunicipality === 'region' && municipalities.length > 0)) {
      data.assignedMunicipality = given.assignedMunicipality;
    }
    data.firstResponseDueAt ??= given.firstResponseDueAt;
    data.lastActivityAt ??= given.lastActivityAt;
    const result = await next();
    const id = (result as { id?: number } | null)?.id;
    const user = requestUser(strapi);
    if (id) {
      await logActivity(
        strapi,
        { id },
        {
          kind: 'system',
          summary: user
            ? {
                sv: `Registrerad i admin av ${user.firstname ?? user.email}.`,
                en: `Registered in the admin by ${user.firstname ?? user.email}.`,
              }
            : { sv: 'Registrerad utanför portalen.', en: 'Registered outside the portal.' },
          at: now,
        },
        { contactAlreadyTouched: true },
      );
      if (user?.id) await noticeOtherQueue(strapi, id, user.id);
    }
    return result;
  };
  strapi.documents.use(rule);
}

async function noticeOtherQueue(strapi: Core.Strapi, contactId: number, userId: number) {
  const contact = (await strapi.db.query(CONTACT).findOne({ where: { id: contactId } })) as ContactRow | null;
  if (!contact || contact.assignedMunicipality === (await assignedQueue(strapi, userId))) return;
  const queue = contact.assignedMunicipality;
  const guides = await guideRecipients(strapi, queue === REGION ? [] : [queue]);
  for (const notice of guideNotices(contact, guides, undefined, false)) {
    await enqueueMail(strapi, notice, contact.id);
  }
  // Early is harmless: a poll after the commit finds the mail.
  wakeMailQueue();
}
