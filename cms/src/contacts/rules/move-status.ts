import type { Core, Modules } from '@strapi/strapi';
import { stockholmDate } from '@tasteget/shared';
import { errors } from '@strapi/utils';
import { CONTACT } from '../../platform/content-types';

/**
 * "Moved" is the programme's result, counted in its KPIs: a contact can be marked moved only with
 * the municipality it moved to and the date. Checked on the merged state, so clearing either of
 * them on a moved contact is refused too. A move is counted when it has happened: a date after
 * today (in Stockholm) is refused, or a planned move would count in a quarter it has not reached.
 */
const MESSAGES = {
  movedTo: 'Ange vilken kommun hushållet flyttade till. / Enter the municipality the household moved to.',
  movedAt: 'Ange datum för flytten. / Enter the date of the move.',
  futureMove:
    'Flyttdatumet kan inte ligga efter dagens datum: markera flytten när den har skett. / The date of the move cannot be after today: mark the move once it has happened.',
} as const;

export function installMoveStatusRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== CONTACT || (context.action !== 'create' && context.action !== 'update'))
      return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    if (!params.data) return next();
    const before =
      context.action === 'update' && params.documentId
        ? ((await strapi.db.query(CONTACT).findOne({
            where: { documentId: params.documentId },
            select: ['moveStatus', 'movedTo', 'movedAt'],
          })) as Record<string, unknown> | null)
        : null;
    const after = { ...before, ...params.data };
    if (after.moveStatus === 'moved') {
      const missing = (['movedTo', 'movedAt'] as const).filter((field) => !after[field]);
      if (missing.length > 0) {
        throw new errors.ValidationError(MESSAGES[missing[0]], {
          errors: missing.map((field) => ({
            path: [field],
            message: MESSAGES[field],
            name: 'ValidationError',
          })),
        });
      }
    }
    // Only a date this save gives: one stored before the rule must not block every other save.
    const given = params.data.movedAt;
    if (given && String(given).slice(0, 10) > stockholmDate(new Date())) {
      throw new errors.ValidationError(MESSAGES.futureMove, {
        errors: [{ path: ['movedAt'], message: MESSAGES.futureMove, name: 'ValidationError' }],
      });
    }
    return next();
  };
  strapi.documents.use(rule);
}
