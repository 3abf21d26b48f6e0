import type { Core, UID } from '@strapi/strapi';
import { AUDIT, GUIDE_ASSIGNMENT, publishedContentTypes, registerContentTypes } from './content-types';

/**
 * The admin roles of the programme. Re-applied on every start so that a new content type gets the
 * right permissions without anyone clicking through the role editor.
 * - Redaktör: writes and publishes content; never sees the contact register.
 * - Flyttvägledare: works the contact register (no deletes: erasure is the coordinator's) and
 *   reads content; reads, but cannot change, which guide works which queue.
 * - Samordnare: everything except the settings section (roles, users, tokens, webhooks). The
 *   register log is append-only: the coordinator reads it, only the register care writes it.
 */
export const ADMIN_ROLES = {
  editor: {
    name: 'Redaktör',
    code: 'tasteget-editor',
    description: 'Skriver och publicerar innehåll. / Writes and publishes content.',
  },
  guide: {
    name: 'Flyttvägledare',
    code: 'tasteget-guide',
    description:
      'Arbetar i kontaktregistret och läser innehåll. / Works the contact register, reads content.',
  },
  coordinator: {
    name: 'Samordnare',
    code: 'tasteget-coordinator',
    description: 'Allt utom inställningar. / Everything but settings.',
  },
} as const;
export type AdminRoleKey = keyof typeof ADMIN_ROLES;

const EXPLORER = 'plugin::content-manager.explorer';
const UPLOAD_ACTIONS = [
  'plugin::upload.read',
  'plugin::upload.configure-view',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];

/** Plugin actions whose screens live under Settings (public roles, the schema builder). */
const SETTINGS_LIKE_PLUGINS = ['plugin::users-permissions.', 'plugin::content-type-builder.'];

type Permission = {
  action: string;
  subject?: string | null;
  properties?: Record<string, unknown>;
  conditions?: string[];
};
type Action = { actionId: string; section: string; subjects?: string[] };

export async function ensureAdminRoles(strapi: Core.Strapi) {
  const roleService = strapi.service('admin::role');
  const permissionService = strapi.service('admin::permission');
  const contentTypeService = strapi.service('admin::content-type');
  const actions: Action[] = permissionService.actionProvider.values();
  const locales: string[] = (await strapi.plugin('i18n').service('locales').find()).map(
    (l: { code: string }) => l.code,
  );

  const published = publishedContentTypes(strapi);
  const register = registerContentTypes(strapi);
  const registerWork = register.filter((uid) => uid !== GUIDE_ASSIGNMENT && uid !== AUDIT);
  const registerManaged = register.filter((uid) => uid !== AUDIT);

  /** Content-manager permissions on `subjects`, with every field and locale. */
  const explorer = (verbs: string[], subjects: UID.ContentType[]): Permission[] =>
    contentTypeService
      .getPermissionsWithNestedFields(
        actions.filter(
          (a) => a.section === 'contentTypes' && verbs.some((v) => a.actionId === `${EXPLORER}.${v}`),
        ),
        {
          restrictedSubjects: Object.keys(strapi.contentTypes).filter(
            (uid) => !subjects.includes(uid as UID.ContentType),
          ),
        },
      )
      .map((p: Permission) => withLocales(strapi, p, locales));

  const plain = (ids: string[]): Permission[] =>
    ids.map((action) => ({ action, subject: null, properties: {}, conditions: [] }));
  const allContentActions = ['create', 'read', 'update', 'delete', 'publish'];

  const permissionsByRole: Record<AdminRoleKey, Permission[]> = {
    editor: [...explorer(allContentActions, published), ...plain(UPLOAD_ACTIONS)],
    guide: [
      ...explorer(['create', 'read', 'update'], registerWork),
      ...explorer(['read'], [...published, GUIDE_ASSIGNMENT]),
      ...plain(['plugin::upload.read']),
    ],
    coordinator: [
      ...explorer(allContentActions, [...published, ...registerManaged]),
      ...explorer(['read'], [AUDIT]),
      ...plain(
        actions
          .filter(
            (a) => a.section === 'plugins' && !SETTINGS_LIKE_PLUGINS.some((p) => a.actionId.startsWith(p)),
          )
          .map((a) => a.actionId),
      ),
    ],
  };

  for (const [key, definition] of Object.entries(ADMIN_ROLES) as [
    AdminRoleKey,
    (typeof ADMIN_ROLES)[AdminRoleKey],
  ][]) {
    let role = await roleService.findOne({ code: definition.code });
    role ??= await roleService.create(definition);
    await roleService.assignPermissions(role.id, permissionsByRole[key]);
  }
}

function withLocales(strapi: Core.Strapi, permission: Permission, locales: string[]): Permission {
  const model = permission.subject ? strapi.getModel(permission.subject as UID.ContentType) : undefined;
  const localized = (model?.pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized;
  if (!localized) return permission;
  return { ...permission, properties: { ...permission.properties, locales } };
}
