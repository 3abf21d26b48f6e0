import type { Core } from '@strapi/strapi';
import { REGION, type QueueOwner } from '@tasteget/shared';
import { assignedQueue } from '../platform/access-scopes';
import { ADMIN_ROLES } from '../platform/admin-roles';
import { GUIDE_ASSIGNMENT } from '../platform/content-types';

/**
 * Which admin user works which queue. The coordinator keeps the mapping in the Content Manager
 * ("Vägledares kö"); guides read it. A user without a mapping works the region's queue only if
 * they say so in the view (the coordinator can look at any queue).
 */

export const ROLE_CODES = {
  superAdmin: 'strapi-super-admin',
  editor: ADMIN_ROLES.editor.code,
  guide: ADMIN_ROLES.guide.code,
  coordinator: ADMIN_ROLES.coordinator.code,
} as const;

export interface AdminUser {
  id: number;
  email: string;
  firstname?: string | null;
  lastname?: string | null;
  isActive?: boolean;
  roles?: { code: string }[];
}

const hasRole = (user: AdminUser, ...codes: string[]) =>
  (user.roles ?? []).some((role) => codes.includes(role.code));

/** Guides, the coordinator and super admins work the register; editors do not. */
export const worksRegister = (user: AdminUser) =>
  hasRole(user, ROLE_CODES.guide, ROLE_CODES.coordinator, ROLE_CODES.superAdmin);

/** The coordinator (and super admins) run register care: purge, export, erasure, distribution. */
export const caresForRegister = (user: AdminUser) =>
  hasRole(user, ROLE_CODES.coordinator, ROLE_CODES.superAdmin);

/** Who ran something, for the register log: a name staff recognise, never the data subject. */
export const staffLabel = (user: AdminUser) =>
  [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email;

export interface GuideOfQueue {
  user: AdminUser;
  queue: QueueOwner;
  receivesReminders: boolean;
}

export async function guideAssignments(strapi: Core.Strapi): Promise<GuideOfQueue[]> {
  const rows = (await strapi.db.query(GUIDE_ASSIGNMENT).findMany({
    populate: { user: { select: ['id', 'email', 'firstname', 'lastname', 'isActive'] } },
  })) as { queue: QueueOwner; receivesReminders: boolean | null; user: AdminUser | null }[];
  return rows
    .filter((row): row is typeof row & { user: AdminUser } => !!row.user && row.user.isActive !== false)
    .map((row) => ({ user: row.user, queue: row.queue, receivesReminders: row.receivesReminders !== false }));
}

/** The queue a user works: their mapping, else the region's for the coordinator, else none. */
export async function queueOfUser(strapi: Core.Strapi, user: AdminUser): Promise<QueueOwner | null> {
  return (await assignedQueue(strapi, user.id)) ?? (caresForRegister(user) ? REGION : null);
}
