import type { Core, Modules } from '@strapi/strapi';
import type { AuditAction } from '@tasteget/shared';
import { refuse } from '../../platform/admin-errors';
import { AUDIT } from '../../platform/content-types';
import { contentManagerRequest } from '../../platform/request-user';

/**
 * The register log: one anonymous line per purge, export or erasure. The region is a public
 * authority, so it records which rule was applied, when, by whom and how much was affected —
 * counts only, never whose data it was.
 */

export async function writeAudit(
  strapi: Core.Strapi,
  entry: { action: AuditAction; rule: string; counts: Record<string, unknown>; ranBy: string; at?: Date },
) {
  const at = entry.at ?? new Date();
  await strapi.db.query(AUDIT).create({
    data: {
      action: entry.action,
      rule: entry.rule,
      counts: entry.counts,
      ranBy: entry.ranBy.slice(0, 200),
      ranAt: at,
      publishedAt: at,
    },
  });
}

const KEPT_AS_WRITTEN = {
  sv: 'Registerloggen skrivs av plattformen och kan inte ändras eller tas bort, inte heller av en superadministratör.',
  en: 'The register log is written by the platform and cannot be changed or removed, not by a Super Admin either.',
};

/**
 * The log is the record of what was done to the register, so it is read-only in the admin to
 * everyone, a Super Admin included (whose role no permission can narrow): every Content Manager
 * write to it is refused. The platform writes it through the query engine (`writeAudit`).
 */
export function installRegisterLogGuard(strapi: Core.Strapi) {
  const guard: Modules.Documents.Middleware.Middleware = async (context, next) => {
    const reads = ['findOne', 'findMany', 'findFirst', 'count'];
    if (context.uid === AUDIT && !reads.includes(context.action) && contentManagerRequest(strapi)) {
      throw refuse.forbidden(KEPT_AS_WRITTEN);
    }
    return next();
  };
  strapi.documents.use(guard);
}
