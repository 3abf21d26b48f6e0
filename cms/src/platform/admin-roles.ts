import type { Core, UID } from '@strapi/strapi';
import { HIDDEN_FIELDS } from './hidden-fields';
import { MUNICIPALITIES, type MunicipalitySlug } from '@tasteget/shared';
import {
  municipalityCondition,
  MUNICIPALITY_SCOPED_TYPES,
  OWN_QUEUE_CONDITION,
  QUEUE_SCOPED_TYPES,
} from './access-scopes';
import {
  ACTIVITY,
  AUDIT,
  CONSENT,
  CONTACT,
  DELIVERY,
  GUIDE_ASSIGNMENT,
  KOMMUN,
  OUTBOX,
  INBOUND,
  NETWORK_CONTACT,
  NEWSLETTER,
  SUPPRESSION,
  publishedContentTypes,
  registerContentTypes,
} from './content-types';

/**
 * The admin roles of the programme. Re-applied on every start so that a new content type gets the
 * right permissions without anyone clicking through the role editor (docs/architecture.md has the
 * table of who reads and writes what).
 * - Länsredaktör: writes and publishes all content; never sees the contact register.
 * - Kommunredaktör <kommun> (one role per municipality): reads all content, writes and publishes
 *   its kommun page and the content tagged with its municipality (access-scopes.ts).
 * - Flyttvägledare: reads the whole contact register (the municipalities share openly), enters
 *   contacts, and answers and updates only the contacts of their own queue and their activities,
 *   orders, subscriptions and event sign-ups (no deletes: erasure is the coordinator's); reads
 *   content and the consent log (what a person agreed to, and when); reads, but
 *   cannot change, which guide works which queue and which newsletters there are.
 * - Samordnare: everything except the settings section (roles, users, tokens, webhooks).
 * System records are the system's: the outbox, newsletter deliveries, the register log and the
 * consent log are written by the platform only. The coordinator reads them (the outbox without its bodies); guides
 * read the deliveries and the consent log, never the outbox. Tokens (a subscription's confirm and unsubscribe tokens, and the mail
 * bodies that carry them) are shown to no role.
 */
export const ADMIN_ROLES = {
  editor: {
    name: 'Länsredaktör',
    code: 'tasteget-editor',
    description: 'Skriver och publicerar allt innehåll. / Writes and publishes all content.',
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

type RoleDefinition = { name: string; code: string; description: string };
export type MunicipalEditorKey = `editor-${MunicipalitySlug}`;

export const MUNICIPAL_EDITOR_ROLES = Object.fromEntries(
  MUNICIPALITIES.map(({ slug, name }) => [
    `editor-${slug}`,
    {
      name: `Kommunredaktör ${name}`,
      code: `tasteget-editor-${slug}`,
      description: `Skriver och publicerar ${name}s kommunsida och innehåll märkt med ${name}. / Writes and publishes the ${name} page and content tagged with ${name}.`,
    },
  ]),
) as Record<MunicipalEditorKey, RoleDefinition>;

/** Every role of the programme, by key: the three register-facing ones and the municipal editors. */
export type StaffRoleKey = AdminRoleKey | MunicipalEditorKey;
export const STAFF_ROLES: Record<StaffRoleKey, RoleDefinition> = {
  ...ADMIN_ROLES,
  ...MUNICIPAL_EDITOR_ROLES,
};
export const municipalEditorKey = (m: MunicipalitySlug): MunicipalEditorKey => `editor-${m}`;

const EXPLORER = 'plugin::content-manager.explorer';

/** Written by the platform only: no role below Super Admin creates or edits them. */
const SYSTEM_RECORDS: readonly UID.ContentType[] = [OUTBOX, DELIVERY, AUDIT, CONSENT, INBOUND, SUPPRESSION];

/**
 * The dialog log is append-only for every role below Super Admin, as the consent log and the
 * register log are: an entry is the record of what was said, and the response-time figures are
 * counted from it, so a correction is a new entry, never a changed or deleted one.
 */
const APPEND_ONLY: readonly UID.ContentType[] = [ACTIVITY];

/** The register's settings: guides read them, the coordinator sets them (queues, newsletters). */
const REGISTER_SETTINGS: readonly UID.ContentType[] = [GUIDE_ASSIGNMENT, NEWSLETTER];

/**
 * Fields that show in the admin but are not written through it (create and update leave them
 * out): a contact's links to its dialog log, its consent log, its orders and its subscriptions.
 * An activity is written on its own (the Dialog panel, or the activity's card, which checks the
 * contact's queue); the consent log is appended to by the platform only. An order or a
 * subscription is linked from its own card, where the queue rules see both ends: linked from the
 * contact's side, Strapi would take it from another contact, whatever queue that one is in.
 */
const UNWRITABLE_FIELDS: Partial<Record<UID.ContentType, readonly string[]>> = {
  [CONTACT]: ['activities', 'consentRecords', 'magazineOrders', 'newsletterSubscriptions'],
};
const UPLOAD_ACTIONS = [
  'plugin::upload.read',
  'plugin::upload.configure-view',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];
/**
 * A file in the Media Library may be used by any municipality's or the county's content, so a
 * municipal editor changes (alt text, replacement) and deletes only the files they uploaded:
 * Strapi's upload routes check `assets.update` with its conditions for both, and the built-in
 * condition `admin::is-creator` compares the file's creator.
 */
const OWN_UPLOADS = 'admin::is-creator';

/**
 * People any guide enters, for whichever queue they belong to (a phone call, a fair): a contact,
 * a network contact. Only the queue's own guide changes them afterwards.
 */
const OPEN_INTAKE: readonly UID.ContentType[] = [CONTACT, NETWORK_CONTACT];

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
  const registerWork = register.filter(
    (uid) => !REGISTER_SETTINGS.includes(uid) && !SYSTEM_RECORDS.includes(uid),
  );
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

  const conditioned = (permissions: Permission[], condition: string) =>
    permissions.map((p) => ({ ...p, conditions: [condition] }));
  const queueScoped = registerWork.filter((uid) => QUEUE_SCOPED_TYPES.includes(uid));
  // Campaigns: composed by every guide; whom one may send to is checked when it is sent.
  const unscoped = registerWork.filter((uid) => !QUEUE_SCOPED_TYPES.includes(uid));
  const municipal = published.filter((uid) => MUNICIPALITY_SCOPED_TYPES.includes(uid));

  const permissionsByRole: Record<StaffRoleKey, Permission[]> = {
    editor: [...explorer(allContentActions, published), ...plain(UPLOAD_ACTIONS)],
    ...(Object.fromEntries(
      MUNICIPALITIES.map(({ slug }) => [
        municipalEditorKey(slug),
        [
          ...explorer(['read'], published),
          ...conditioned(
            explorer(
              ['create', 'update', 'delete', 'publish'],
              municipal.filter((uid) => uid !== KOMMUN),
            ),
            municipalityCondition(slug),
          ),
          // Its kommun page: edited and published (a new language version too), never deleted.
          ...conditioned(explorer(['create', 'update', 'publish'], [KOMMUN]), municipalityCondition(slug)),
          ...plain(UPLOAD_ACTIONS.filter((action) => action !== 'plugin::upload.assets.update')),
          ...conditioned(plain(['plugin::upload.assets.update']), OWN_UPLOADS),
        ],
      ]),
    ) as Record<MunicipalEditorKey, Permission[]>),
    guide: [
      // Everyone's contacts are read, and entered (intake by phone or at an event goes to the
      // queue the person chose); only the own queue's contacts, and their activities, orders and
      // subscriptions, are written.
      ...explorer(['read'], registerWork),
      ...explorer(['create'], [...OPEN_INTAKE, ...unscoped]),
      ...conditioned(
        explorer(
          ['create'],
          queueScoped.filter((uid) => !OPEN_INTAKE.includes(uid)),
        ),
        OWN_QUEUE_CONDITION,
      ),
      ...conditioned(
        explorer(
          ['update'],
          queueScoped.filter((uid) => !APPEND_ONLY.includes(uid)),
        ),
        OWN_QUEUE_CONDITION,
      ),
      ...explorer(['update'], unscoped),
      ...explorer(['read'], [...published, ...REGISTER_SETTINGS, DELIVERY, CONSENT]),
      ...plain(['plugin::upload.read']),
    ],
    coordinator: [
      ...explorer(
        allContentActions,
        [...published, ...registerManaged].filter((uid) => !APPEND_ONLY.includes(uid)),
      ),
      ...explorer(['read', 'create'], [...APPEND_ONLY]),
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

  for (const [key, definition] of Object.entries(STAFF_ROLES) as [StaffRoleKey, RoleDefinition][]) {
    let role = await roleService.findOne({ code: definition.code });
    role ??= await roleService.create(definition);
    if (role.name !== definition.name || role.description !== definition.description) {
      await roleService.update(
        { id: role.id },
        { name: definition.name, description: definition.description },
      );
    }
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
  const writes = /\.(create|update)$/.test(permission.action);
  const hidden = [
    ...(HIDDEN_FIELDS[permission.subject as UID.ContentType] ?? []),
    ...(writes ? (UNWRITABLE_FIELDS[permission.subject as UID.ContentType] ?? []) : []),
  ];
  const fields = permission.properties?.fields;
  if (hidden.length === 0 || !Array.isArray(fields)) return permission;
  return {
    ...permission,
    properties: { ...permission.properties, fields: fields.filter((f: string) => !hidden.includes(f)) },
  };
}
