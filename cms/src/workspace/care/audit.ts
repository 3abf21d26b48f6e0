import type { Core } from '@strapi/strapi';
import type { AuditAction } from '@tasteget/shared';
import { AUDIT } from '../../platform/content-types';

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
