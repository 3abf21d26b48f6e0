import type { Core } from '@strapi/strapi';
import { API_NAMESPACE, contentApiReadActions, publishedContentTypes } from '../platform/content-types';

/**
 * The public role reads published content and nothing else. Every start re-asserts this: missing
 * read grants are added, and any other grant on an API type (for instance one clicked on by hand
 * in the admin) is removed, because a public `create` or `find` on the register would leak
 * personal data. The portal has no end-user accounts: the public role may not register or log in
 * one (users-permissions' own routes), and the authenticated role holds nothing.
 */
export async function enforcePublicPermissions(strapi: Core.Strapi) {
  const publicRole = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } });
  if (!publicRole) throw new Error('The users-permissions public role is missing');

  const allowed = new Set(
    publishedContentTypes(strapi).flatMap((uid) =>
      contentApiReadActions(strapi.contentTypes[uid].kind).map((action) => `${uid}.${action}`),
    ),
  );

  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const granted: { id: number; action: string }[] = await permissions.findMany({
    where: { role: publicRole.id },
  });

  const forbidden = granted.filter(
    (p) => (p.action.startsWith(API_NAMESPACE) || p.action.startsWith(END_USERS)) && !allowed.has(p.action),
  );
  if (forbidden.length > 0) {
    await permissions.deleteMany({ where: { id: { $in: forbidden.map((p) => p.id) } } });
    strapi.log.warn(
      `Removed public permissions that expose more than published content: ${forbidden.map((p) => p.action).join(', ')}`,
    );
  }

  const have = new Set(granted.map((p) => p.action));
  for (const action of allowed) {
    if (!have.has(action)) await permissions.create({ data: { action, role: publicRole.id } });
  }

  const authenticated = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' } });
  if (authenticated) await permissions.deleteMany({ where: { role: authenticated.id } });
}

/** users-permissions' own routes: registering, logging in and resetting an end user's password. */
const END_USERS = 'plugin::users-permissions.';
