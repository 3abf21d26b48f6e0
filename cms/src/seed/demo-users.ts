import type { Core } from '@strapi/strapi';
import { MUNICIPALITIES, type QueueOwner } from '@tasteget/shared';
import { municipalEditorKey, STAFF_ROLES, type StaffRoleKey } from '../platform/admin-roles';
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
  role: StaffRoleKey | 'super';
  /** The queue the user works as a guide (the guides' workspace and the daily reminder). */
  queue?: QueueOwner;
}[] = [
  { email: 'admin@tasteget.local', firstname: 'Demo', lastname: 'Administratör', role: 'super' },
  { email: 'redaktor@tasteget.local', firstname: 'Rut', lastname: 'Redaktör', role: 'editor' },
  // One municipal editor per municipality: redaktor.<kommun>@tasteget.local.
  ...MUNICIPALITIES.map(({ slug, name }) => ({
    email: `redaktor.${slug}@tasteget.local`,
    firstname: 'Redaktör',
    lastname: name,
    role: municipalEditorKey(slug),
  })),
  {
    email: 'vagledare@tasteget.local',
    firstname: 'Vera',
    lastname: 'Vägledare',
    role: 'guide',
    queue: 'ostersund',
  },
  // A guide of another municipality, to try what "own queue" means.
  {
    email: 'vagledare.krokom@tasteget.local',
    firstname: 'Kalle',
    lastname: 'Vägledare',
    role: 'guide',
    queue: 'krokom',
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
        : await roles.findOne({ code: STAFF_ROLES[demo.role].code });
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
