import type { Core, Modules } from '@strapi/strapi';
import { refuse } from '../platform/admin-errors';
import { EVENT } from '../platform/content-types';

/**
 * An event ends after it starts. Checked at every save, drafts too, on the merged state (a save
 * that moves only the start is checked against the stored end): published, an end before the
 * start left the portal's page and the calendar file without an end.
 */
const ENDS_BEFORE_START = {
  sv: 'Slutar: sluttiden måste vara efter starttiden.',
  en: 'Ends: the end must be after the start.',
};

const time = (value: unknown) => {
  if (value === null || value === undefined || value === '') return null;
  const at = new Date(value as string);
  return Number.isNaN(at.getTime()) ? null : at.getTime();
};

export function installEventTimesRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== EVENT || (context.action !== 'create' && context.action !== 'update')) return next();
    const params = context.params as { documentId?: string; locale?: string; data?: Record<string, unknown> };
    const data = params.data;
    if (!data || !('startsAt' in data || 'endsAt' in data)) return next();
    const stored =
      params.documentId && !('startsAt' in data && 'endsAt' in data)
        ? ((await strapi.db.query(EVENT).findOne({
            where: { documentId: params.documentId, ...(params.locale ? { locale: params.locale } : {}) },
            select: ['startsAt', 'endsAt'],
          })) as { startsAt: string | null; endsAt: string | null } | null)
        : null;
    const startsAt = time('startsAt' in data ? data.startsAt : stored?.startsAt);
    const endsAt = time('endsAt' in data ? data.endsAt : stored?.endsAt);
    if (startsAt !== null && endsAt !== null && endsAt <= startsAt) {
      throw refuse.onField('endsAt', ENDS_BEFORE_START);
    }
    return next();
  };
  strapi.documents.use(rule);
}
