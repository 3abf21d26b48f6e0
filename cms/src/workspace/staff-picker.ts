import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { enumLabels, REGION, type QueueOwner } from '@tasteget/shared';
import { profileLanguage } from '../platform/asked-language';
import { addToPluginRoute } from '../platform/plugin-routes';
import { RELATION_ROUTES } from '../platform/relation-routes';
import { CONTACT } from '../platform/content-types';
import { mayBeResponsible } from './responsible-guide';
import { caresForRegister, guideAssignments, ROLE_CODES, staffLabel, type AdminUser } from './guides';

/**
 * Relations to admin users (a contact's guide, the user of a queue mapping, who did an
 * activity) are picked in the Content Manager by Strapi's relation routes, which show the target's
 * title field only to those who may read `admin::user` in the Content Manager: a super admin.
 * Everyone else chose between documentIds. For a relation to `admin::user`, after Strapi has
 * checked that the user may read the field (and the entry), these routes answer with names
 * instead:
 * - the picker offers the register's staff (active guides and coordinators), by name and queue,
 *   searchable by either, sorted by name; for a contact's responsible guide, those of its queue;
 * - the current value is labelled the same way, whoever it is.
 * The label goes in the relation's title field as the view configures it (`firstname` unless
 * changed), the field the admin reads it from. The list view's filter asks the same route and
 * filters by e-mail, which each offer carries (admin/content-manager/list-filters.tsx), so it
 * needs no right to Strapi's user list.
 */
const ADMIN_USER = 'admin::user';
const STAFF_ROLES = [ROLE_CODES.guide, ROLE_CODES.coordinator];
const DEFAULT_TITLE_FIELD = 'firstname';
const MAX_PAGE_SIZE = 100;

type Relation = { id: number; documentId: string } & Record<string, unknown>;
type StaffUser = AdminUser & { documentId: string };

const collator = new Intl.Collator('sv');

function targetsAdminUser(strapi: Core.Strapi, model: string, field: string) {
  const attribute = (strapi.getModel(model as never) as { attributes?: Record<string, unknown> } | undefined)
    ?.attributes?.[field] as { type?: string; target?: string } | undefined;
  return attribute?.type === 'relation' && attribute.target === ADMIN_USER;
}

async function titleField(strapi: Core.Strapi, model: string, field: string) {
  const schema = strapi.getModel(model as never);
  const configuration = (await strapi
    .plugin('content-manager')
    .service('content-types')
    .findConfiguration(schema)) as { metadatas?: Record<string, { edit?: { mainField?: string } }> };
  return configuration.metadatas?.[field]?.edit?.mainField || DEFAULT_TITLE_FIELD;
}

/** Each mapped user's queue. */
async function staffQueues(strapi: Core.Strapi) {
  return new Map<number, QueueOwner>((await guideAssignments(strapi)).map((a) => [a.user.id, a.queue]));
}

/**
 * "Anna Berg (Krokom)": the name staff know a colleague by, and the queue that tells two apart
 * (their mapping, else the region's for the coordinator, as `queueOfUser` has it).
 */
function labeller(ctx: Context, queues: Map<number, QueueOwner>) {
  const language = profileLanguage(ctx) ?? 'sv';
  return (user: AdminUser) => {
    const queue = queues.get(user.id) ?? (caresForRegister(user) ? REGION : undefined);
    return queue ? `${staffLabel(user)} (${enumLabels[language][queue] ?? queue})` : staffLabel(user);
  };
}

const USER_FIELDS = ['id', 'documentId', 'firstname', 'lastname', 'email', 'isActive'];
const ROLES = { roles: { select: ['code'] } };

async function usersById(strapi: Core.Strapi, ids: number[]): Promise<StaffUser[]> {
  if (ids.length === 0) return [];
  return (await strapi.db
    .query(ADMIN_USER)
    .findMany({ where: { id: { $in: ids } }, select: USER_FIELDS, populate: ROLES })) as StaffUser[];
}

async function staff(strapi: Core.Strapi): Promise<StaffUser[]> {
  return (await strapi.db.query(ADMIN_USER).findMany({
    where: { isActive: true, roles: { code: { $in: STAFF_ROLES } } },
    select: USER_FIELDS,
    populate: ROLES,
  })) as StaffUser[];
}

/** The users the entry already points to: a picker offers the others. */
async function relatedIds(strapi: Core.Strapi, model: string, field: string, documentId: unknown) {
  if (typeof documentId !== 'string' || !documentId) return new Set<number>();
  const entries = (await strapi.db.query(model as never).findMany({
    where: { documentId },
    populate: { [field]: { select: ['id'] } },
  })) as Record<string, { id: number } | { id: number }[] | null>[];
  return new Set(entries.flatMap((entry) => [entry[field] ?? []].flat().map((user) => user.id)));
}

const numbers = (value: unknown) =>
  [value ?? []]
    .flat()
    .map(Number)
    .filter((n) => Number.isInteger(n));

const positive = (value: unknown, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * The queue of the contact whose responsible guide is being picked: only its guides and the
 * coordinator may be (`responsible-guide.ts`). A contact not yet saved has no queue: everyone is
 * offered, and the save checks.
 */
async function responsibleFor(strapi: Core.Strapi, model: string, field: string, documentId: unknown) {
  if (model !== CONTACT || field !== 'assignedGuide' || typeof documentId !== 'string' || !documentId)
    return null;
  const contact = (await strapi.db
    .query(CONTACT)
    .findOne({ where: { documentId }, select: ['assignedMunicipality'] })) as {
    assignedMunicipality: string;
  } | null;
  return contact?.assignedMunicipality ?? null;
}

/** After Strapi's `findAvailable` said yes: the staff to choose from, one page of them. */
function offerStaff(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    const { model, targetField } = ctx.params as { model: string; targetField: string };
    if (!targetsAdminUser(strapi, model, targetField)) return next();
    await next();
    if (ctx.status !== 200) return;
    const query = ctx.request.query as Record<string, unknown>;
    const omitted = new Set([
      ...numbers(query.idsToOmit),
      ...(await relatedIds(strapi, model, targetField, query.id)),
    ]);
    const search = typeof query._q === 'string' ? query._q.trim().toLocaleLowerCase('sv') : '';
    const queues = await staffQueues(strapi);
    const label = labeller(ctx, queues);
    const contactQueue = await responsibleFor(strapi, model, targetField, query.id);
    const offered = (await staff(strapi))
      .filter((user) => !omitted.has(user.id))
      .filter((user) => !contactQueue || mayBeResponsible(user, queues.get(user.id) ?? null, contactQueue))
      .map((user) => ({ user, label: label(user) }))
      // By what the picker shows: the admin hides an offer whose label lacks the typed text.
      .filter(({ label }) => !search || label.toLocaleLowerCase('sv').includes(search))
      .sort((a, b) => collator.compare(a.label, b.label));
    const pageSize = Math.min(positive(query.pageSize, 10), MAX_PAGE_SIZE);
    const page = positive(query.page, 1);
    const field = await titleField(strapi, model, targetField);
    ctx.body = {
      results: offered.slice((page - 1) * pageSize, page * pageSize).map(({ user, label }) => ({
        id: user.id,
        documentId: user.documentId,
        email: user.email,
        [field]: label,
      })),
      pagination: {
        page,
        pageSize,
        pageCount: Math.ceil(offered.length / pageSize),
        total: offered.length,
      },
    };
  };
}

/** After Strapi's `findExisting`: the current value, named. */
function nameExisting(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    const { model, targetField } = ctx.params as { model: string; targetField: string };
    if (!targetsAdminUser(strapi, model, targetField)) return next();
    await next();
    const body = ctx.body as { results?: Relation[] } | undefined;
    if (ctx.status !== 200 || !body?.results?.length) return;
    const users = new Map(
      (
        await usersById(
          strapi,
          body.results.map((r) => r.id),
        )
      ).map((u) => [u.id, u]),
    );
    const label = labeller(ctx, await staffQueues(strapi));
    const field = await titleField(strapi, model, targetField);
    body.results = body.results.map((relation) => {
      const user = users.get(relation.id);
      return user ? { ...relation, [field]: label(user) } : relation;
    });
  };
}

/** After the relation routes' own check (platform/relation-routes.ts, installed first). */
export function installStaffPicker(strapi: Core.Strapi) {
  const [available, existing] = RELATION_ROUTES;
  addToPluginRoute(strapi, 'content-manager', { method: 'GET', path: available }, offerStaff(strapi));
  addToPluginRoute(strapi, 'content-manager', { method: 'GET', path: existing }, nameExisting(strapi));
}
