import type { Core } from '@strapi/strapi';
import type { QueueOwner } from '@tasteget/shared';
import { ADMIN_ROLES, type AdminRoleKey } from '../platform/admin-roles';
import { GUIDE_ASSIGNMENT } from '../platform/content-types';

/**
 * Admin users for local use only (the README lists them). Never created in production: a known
 * password on a public server would be an open door.
 */
export const DEMO_PASSWORD = 'TaSteget2026!';
export const DEMO_USERS: {
  email: string;
  firstname: string;
  lastname: string;
  role: AdminRoleKey | 'super';
  /** The queue the user works as a guide (the guides' workspace and the daily reminder). */
  queue?: QueueOwner;
}[] = [
  { email: 'admin@tasteget.local', firstname: 'Demo', lastname: 'Administratör', role: 'super' },
  { email: 'redaktor@tasteget.local', firstname: 'Rut', lastname: 'Redaktör', role: 'editor' },
  {
    email: 'vagledare@tasteget.local',
    firstname: 'Vera',
    lastname: 'Vägledare',
    role: 'guide',
    queue: 'ostersund',
  },
  {
    email: 'samordnare@tasteget.local',
    firstname: 'Sam',
    lastname: 'Samordnare',
    role: 'coordinator',
    queue: 'region',
  },
];

export async function ensureDemoUsers(strapi: Core.Strapi): Promise<number> {
  const users = strapi.service('admin::user');
  const roles = strapi.service('admin::role');
  let created = 0;
  for (const demo of DEMO_USERS) {
    if (await users.exists({ email: demo.email })) continue;
    const role =
      demo.role === 'super'
        ? await roles.getSuperAdmin()
        : await roles.findOne({ code: ADMIN_ROLES[demo.role].code });
    const user = await users.create({
      email: demo.email,
      firstname: demo.firstname,
      lastname: demo.lastname,
      password: DEMO_PASSWORD,
      isActive: true,
      registrationToken: null,
      roles: [role.id],
    });
    if (demo.queue) {
      await strapi.db.query(GUIDE_ASSIGNMENT).create({
        data: { user: user.id, queue: demo.queue, receivesReminders: true, publishedAt: new Date() },
      });
    }
    created += 1;
  }
  return created;
}
