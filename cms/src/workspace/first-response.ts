import type { Core, Modules } from '@strapi/strapi';
import { GUIDE_ACTIVITY_KINDS, type ActivityKind } from '@tasteget/shared';
import { applyGuideActivity, assertNotBeforeRegistration, assertNotInFuture } from './dialog';
import { ACTIVITY, CONTACT } from '../platform/content-types';
import { requestUser } from '../platform/request-user';
import { refuse } from '../platform/admin-errors';

/**
 * The first response is the system's bookkeeping, whichever way a guide works:
 * - An activity a guide adds in the Content Manager counts like one logged from the contact card:
 *   it is signed with the guide (unless another was chosen), dated now when no time was given, and
 *   the first response answers the contact (see workspace/dialog.ts). It cannot be dated before
 *   the contact registered, nor ahead; a mail the household sent (direction in) is no response.
 * - Once answered, a contact stays answered: a save of the contact card cannot clear or move
 *   "first responded at", nor put the contact back to "new". An edit form opened before the
 *   response was logged still holds the old values, and saving it must not restart the clock.
 */

const ANSWERED_NOT_NEW = {
  sv: 'Kontakten har redan fått sitt första svar och kan inte bli Ny igen. Välj den status som gäller nu, till exempel I dialog.',
  en: 'The contact has had its first response and cannot be New again. Choose the status that holds now, such as In dialog.',
};

export function installFirstResponseRules(strapi: Core.Strapi) {
  const keepAnswered: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== CONTACT || context.action !== 'update') return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    if (!params.documentId || !params.data) return next();
    if (!('firstRespondedAt' in params.data) && params.data.moveStatus !== 'new') return next();
    const stored = (await strapi.db.query(CONTACT).findOne({
      where: { documentId: params.documentId },
      select: ['firstRespondedAt'],
    })) as { firstRespondedAt: string | null } | null;
    if (stored?.firstRespondedAt) {
      // A form opened before the response holds an empty one, and "new" with it: dropped. "New"
      // asked for with the response in view (or by itself) is a choice, and is told why not.
      const staleForm = 'firstRespondedAt' in params.data && !params.data.firstRespondedAt;
      if (params.data.moveStatus === 'new' && !staleForm)
        throw refuse.onField('moveStatus', ANSWERED_NOT_NEW);
      delete params.data.firstRespondedAt;
      if (params.data.moveStatus === 'new') delete params.data.moveStatus;
    }
    return next();
  };

  const countGuideActivity: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== ACTIVITY || context.action !== 'create') return next();
    const user = requestUser(strapi);
    const data = (context.params as { data?: Record<string, unknown> }).data;
    if (!user?.id || !data) return next();

    data.performedBy ??= user.id;
    data.occurredAt ??= new Date();
    const result = await next();
    const id = (result as { id?: number } | null)?.id;
    if (!id || !(GUIDE_ACTIVITY_KINDS as readonly string[]).includes(String(data.kind))) return result;

    const stored = (await strapi.db.query(ACTIVITY).findOne({
      where: { id },
      select: ['kind', 'occurredAt', 'direction'],
      populate: { contact: { select: ['id'] } },
    })) as {
      kind: ActivityKind;
      occurredAt: string;
      direction: 'in' | 'out' | null;
      contact: { id: number } | null;
    } | null;
    if (stored?.contact) {
      await applyGuideActivity(strapi, {
        contactId: stored.contact.id,
        kind: stored.kind,
        occurredAt: new Date(stored.occurredAt),
        direction: stored.direction,
      });
    }
    return result;
  };
  strapi.documents.use(keepAnswered);
  strapi.documents.use(countGuideActivity);
}

/**
 * An activity created in the Content Manager cannot be dated before its contact registered, nor
 * in the future (workspace/dialog.ts). Checked on what was stored, in the save's transaction, and installed
 * before the queue rules: they check inside this, so a contact outside the user's queue is refused
 * as that first, never told about.
 */
export function installActivityDateRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== ACTIVITY || context.action !== 'create') return next();
    return strapi.db.transaction(async () => {
      const result = await next();
      const id = (result as { id?: number } | null)?.id;
      if (!id) return result;
      const stored = (await strapi.db.query(ACTIVITY).findOne({
        where: { id },
        select: ['occurredAt'],
        populate: { contact: { select: ['createdAt'] } },
      })) as { occurredAt: string | null; contact: { createdAt: string } | null } | null;
      if (stored?.occurredAt) assertNotInFuture(new Date(stored.occurredAt));
      if (stored?.occurredAt && stored.contact) {
        assertNotBeforeRegistration(new Date(stored.occurredAt), stored.contact.createdAt);
      }
      return result;
    });
  };
  strapi.documents.use(rule);
}
