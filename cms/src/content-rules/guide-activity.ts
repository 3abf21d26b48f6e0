import type { Core, Modules } from '@strapi/strapi';
import { GUIDE_ACTIVITY_KINDS, type ActivityKind } from '@tasteget/shared';
import { applyGuideActivity } from '../workspace/dialog';

/**
 * An activity a guide adds in the Content Manager counts like one logged from the contact card:
 * it is signed with the guide (unless another was chosen), dated now when no time was given, and
 * the first response answers the contact (see workspace/dialog.ts).
 */
const ACTIVITY = 'api::contact-activity.contact-activity';

export function registerGuideActivityRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== ACTIVITY || context.action !== 'create') return next();
    const user = (strapi.requestContext.get() as { state?: { user?: { id?: number } } } | undefined)?.state
      ?.user;
    const data = (context.params as { data?: Record<string, unknown> }).data;
    if (!user?.id || !data) return next();

    data.performedBy ??= user.id;
    data.occurredAt ??= new Date();
    const result = await next();
    const id = (result as { id?: number } | null)?.id;
    if (!id || !(GUIDE_ACTIVITY_KINDS as readonly string[]).includes(String(data.kind))) return result;

    const stored = (await strapi.db.query(ACTIVITY).findOne({
      where: { id },
      select: ['kind', 'occurredAt'],
      populate: { contact: { select: ['id'] } },
    })) as { kind: ActivityKind; occurredAt: string; contact: { id: number } | null } | null;
    if (stored?.contact) {
      await applyGuideActivity(strapi, {
        contactId: stored.contact.id,
        kind: stored.kind,
        occurredAt: new Date(stored.occurredAt),
      });
    }
    return result;
  };
  strapi.documents.use(rule);
}
