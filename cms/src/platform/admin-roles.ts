import type { Core, UID } from '@strapi/strapi';
import type { QueueOwner } from '@tasteget/shared';
import {
  API_NAMESPACE,
  AUDIT,
  CONTACT,
  DELIVERY,
  GUIDE_ASSIGNMENT,
  OUTBOX,
  publishedContentTypes,
  registerContentTypes,
  SUBSCRIPTION,
} from './content-types';

/**
 * The admin roles of the programme. Re-applied on every start so that a new content type gets the
 * right permissions without anyone clicking through the role editor.
 * - Redaktör: writes and publishes content; never sees the contact register.
 * - Flyttvägledare: works the contact register (no deletes: erasure is the coordinator's) and
 *   reads content; reads, but cannot change, which guide works which queue.
 * - Samordnare: everything except the settings section (roles, users, tokens, webhooks).
 * System records are the system's: the outbox, newsletter deliveries and the register log are
 * written by the platform only. The coordinator reads them (the outbox without its bodies); guides
 * never see the outbox. Tokens (a subscription's confirm and unsubscribe tokens, and the mail
 * bodies that carry them) are shown to no role.
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

/**
 * The guide's own queue, as an RBAC condition (enforced by Strapi on every Content Manager write,
 * not a hidden button): the contacts whose responsible queue is the one the guide works (a
 * municipality, or the region for contacts that chose none). Only the responsible municipality
 * counts: the others see the contact (municipalities share openly) but do not answer or update it.
 * A user without a queue matches nothing.
 */
const OWN_QUEUE = 'own-queue';
export const OWN_QUEUE_CONDITION = `${API_NAMESPACE}${OWN_QUEUE}`;

export async function registerQueueCondition(strapi: Core.Strapi) {
  const provider = strapi.service('admin::permission').conditionProvider;
  if (provider.has(OWN_QUEUE_CONDITION)) return;
  await provider.register({
    displayName: 'Egen kö / Own queue',
    name: OWN_QUEUE,
    async handler(user: { id: number }) {
      // Strapi keeps conditions for the whole process, which may boot more than one instance
      // (the test suites do): ask the current one, not the one that registered the condition.
      const current = (globalThis as unknown as { strapi?: Core.Strapi }).strapi ?? strapi;
      const queue = await assignedQueue(current, user.id);
      return queue ? { assignedMunicipality: queue } : false;
    },
  });
}

/** The queue a user is assigned to work ("Vägledares kö"), or null. */
export async function assignedQueue(strapi: Core.Strapi, userId: number): Promise<QueueOwner | null> {
  const row = (await strapi.db.query(GUIDE_ASSIGNMENT).findOne({
    where: { user: { id: userId } },
    select: ['queue'],
  })) as { queue: QueueOwner } | null;
  return row?.queue ?? null;
}

/** Written by the platform only: no role below Super Admin creates or edits them. */
const SYSTEM_RECORDS: readonly UID.ContentType[] = [OUTBOX, DELIVERY, AUDIT];

/** Fields no role sees in the admin: tokens, and the mail bodies that carry them. */
const HIDDEN_FIELDS: Partial<Record<UID.ContentType, readonly string[]>> = {
  [SUBSCRIPTION]: ['confirmToken', 'unsubscribeToken'],
  [OUTBOX]: ['html', 'text'],
};
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
  const registerWork = register.filter((uid) => uid !== GUIDE_ASSIGNMENT && !SYSTEM_RECORDS.includes(uid));
  const registerManaged = register.filter((uid) => !SYSTEM_RECORDS.includes(uid));

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
      .map((p: Permission) => withoutHiddenFields(withLocales(strapi, p, locales)));

  const plain = (ids: string[]): Permission[] =>
    ids.map((action) => ({ action, subject: null, properties: {}, conditions: [] }));
  const allContentActions = ['create', 'read', 'update', 'delete', 'publish'];

  const permissionsByRole: Record<AdminRoleKey, Permission[]> = {
    editor: [...explorer(allContentActions, published), ...plain(UPLOAD_ACTIONS)],
    guide: [
      // Contacts: everyone's are read, and entered; only those of the guide's own queue updated.
      ...explorer(['create', 'read'], [CONTACT]),
      ...explorer(['update'], [CONTACT]).map((p) => ({ ...p, conditions: [OWN_QUEUE_CONDITION] })),
      ...explorer(
        ['create', 'read', 'update'],
        registerWork.filter((uid) => uid !== CONTACT),
      ),
      ...explorer(['read'], [...published, GUIDE_ASSIGNMENT, DELIVERY]),
      ...plain(['plugin::upload.read']),
    ],
    coordinator: [
      ...explorer(allContentActions, [...published, ...registerManaged]),
      ...explorer(['read'], [...SYSTEM_RECORDS]),
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

function withoutHiddenFields(permission: Permission): Permission {
  const hidden = HIDDEN_FIELDS[permission.subject as UID.ContentType];
  const fields = permission.properties?.fields;
  if (!hidden || !Array.isArray(fields)) return permission;
  return {
    ...permission,
    properties: { ...permission.properties, fields: fields.filter((f: string) => !hidden.includes(f)) },
  };
}
