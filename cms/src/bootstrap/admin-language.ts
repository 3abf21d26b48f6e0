import type { Core } from '@strapi/strapi';

/**
 * Staff work in Swedish: every admin user without a language of their own gets Swedish, whether
 * seeded, invited or from before this rule; each can still choose English in their profile. The
 * admin panel applies a user's language at login (`preferedLanguage`, Strapi's spelling), and
 * `src/admin/app.tsx` makes Swedish available.
 */
export const STAFF_LANGUAGE = 'sv';

export async function defaultAdminLanguage(strapi: Core.Strapi) {
  strapi.db.lifecycles.subscribe({
    models: ['admin::user'],
    beforeCreate(event) {
      const data = event.params.data as { preferedLanguage?: string | null };
      data.preferedLanguage ??= STAFF_LANGUAGE;
    },
  });
  await strapi.db
    .query('admin::user')
    .updateMany({ where: { preferedLanguage: null }, data: { preferedLanguage: STAFF_LANGUAGE } });
}
