import type { Core } from '@strapi/strapi';
import { STAFF_ROLES, type StaffRoleKey } from '../../cms/src/platform/admin-roles';

/** Admin users of the programme's roles, logged in through the real admin API. */
export const ADMIN_PASSWORD = 'Provlosen2026!';

export interface AdminSession {
  id: number;
  email: string;
  token: string;
  /** fetch against the CMS with this user's admin JWT; `body` objects are sent as JSON. */
  fetch(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
}

export async function adminSession(
  strapi: Core.Strapi,
  baseUrl: string,
  role: StaffRoleKey,
  email: string,
  firstname: string = role,
): Promise<AdminSession> {
  const roleRow = await strapi.service('admin::role').findOne({ code: STAFF_ROLES[role].code });
  const user = await strapi.service('admin::user').create({
    email,
    firstname,
    lastname: 'Test',
    password: ADMIN_PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: [roleRow.id],
  });
  const res = await fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`admin login of ${email}: ${res.status} ${await res.text()}`);
  const token = ((await res.json()) as { data: { token: string } }).data.token;
  return {
    id: user.id,
    email,
    token,
    fetch: (path, init = {}) =>
      fetch(`${baseUrl}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          Authorization: `Bearer ${token}`,
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      }),
  };
}
