import type { Core, Modules } from '@strapi/strapi';
import { enumLabels, type QueueOwner } from '@tasteget/shared';
import { refuse } from '../platform/admin-errors';
import { assignedQueue } from '../platform/access-scopes';
import { CONTACT } from '../platform/content-types';
import { caresForRegister, type AdminUser } from './guides';

/**
 * A contact's responsible guide works its queue: a guide of the queue the contact is assigned to,
 * or the coordinator (who works every queue). A guide of another queue could read the card but
 * not answer or update it (the queue guard refuses their saves), so such an assignment is refused
 * on the field, when a save sets the guide or moves the contact to another queue. The picker
 * offers the same people (`staff-picker.ts`).
 */
export function mayBeResponsible(user: AdminUser, userQueue: QueueOwner | null, contactQueue: string) {
  return caresForRegister(user) || userQueue === contactQueue;
}

const refusal = (queue: string) =>
  refuse.onField('assignedGuide', {
    sv: `Ansvarig vägledare ska arbeta i kontaktens kö (${enumLabels.sv[queue] ?? queue}): välj en vägledare där eller samordnaren, eller töm fältet.`,
    en: `The responsible guide must work the contact's queue (${enumLabels.en[queue] ?? queue}): choose a guide there or the coordinator, or clear the field.`,
  });

type Stored = { assignedMunicipality: string; assignedGuide: (AdminUser & { id: number }) | null };

async function stored(strapi: Core.Strapi, where: Record<string, unknown>): Promise<Stored | null> {
  return (await strapi.db.query(CONTACT).findOne({
    where,
    select: ['assignedMunicipality'],
    populate: {
      assignedGuide: {
        select: ['id', 'email', 'firstname', 'lastname'],
        populate: { roles: { select: ['code'] } },
      },
    },
  })) as Stored | null;
}

export function installResponsibleGuideRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== CONTACT || (context.action !== 'create' && context.action !== 'update'))
      return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    if (!params.data) return next();
    // Checked on what was stored, in the save's transaction: a relation arrives in several shapes.
    return strapi.db.transaction(async () => {
      const before = params.documentId ? await stored(strapi, { documentId: params.documentId }) : null;
      const result = await next();
      const id = (result as { id?: number } | null)?.id;
      const after = id ? await stored(strapi, { id }) : null;
      const guide = after?.assignedGuide;
      if (!after || !guide) return result;
      const changed =
        before?.assignedGuide?.id !== guide.id || before?.assignedMunicipality !== after.assignedMunicipality;
      if (
        changed &&
        !mayBeResponsible(guide, await assignedQueue(strapi, guide.id), after.assignedMunicipality)
      ) {
        throw refusal(after.assignedMunicipality);
      }
      return result;
    });
  };
  strapi.documents.use(rule);
}
