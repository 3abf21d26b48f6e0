import type { Core, UID } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { refuse } from './admin-errors';
import { ACTIVITY, EVENT_REGISTRATION, INBOUND, OUTBOX, SUBSCRIPTION } from './content-types';

/**
 * Fields no role sees in the admin: tokens, the mail bodies that carry them, and where a mail's
 * attachments are stored (the Dialog panel offers them through a signed link instead). The roles
 * leave them out of every permission (admin-roles.ts); that alone does not keep them out of a
 * query, so they are also
 * - out of the Content Manager's search: Strapi's `_q` matches every text column of the listed
 *   type, permitted or not, so a guide could find a token by its first letters;
 * - out of its filters and sorts through a relation: Strapi checks a filter's first field only, so
 *   `filters[newsletterSubscriptions][unsubscribeToken][$startsWith]=c` on contacts would answer
 *   one letter at a time.
 */
export const HIDDEN_FIELDS: Partial<Record<UID.ContentType, readonly string[]>> = {
  [SUBSCRIPTION]: ['confirmToken', 'unsubscribeToken'],
  [EVENT_REGISTRATION]: ['cancelToken'],
  [OUTBOX]: ['html', 'text'],
  [ACTIVITY]: ['attachments'],
  [INBOUND]: ['attachments'],
};

const REFUSED = {
  sv: 'Det fältet går inte att söka, filtrera eller sortera på.',
  en: 'That field cannot be searched, filtered or sorted on.',
};

type Attribute = { type: string; target?: string; component?: string };
const attributesOf = (strapi: Core.Strapi, uid: string) =>
  ((strapi.getModel(uid as UID.ContentType) as { attributes?: Record<string, Attribute> } | undefined)
    ?.attributes ?? {}) as Record<string, Attribute>;
const isHidden = (uid: string, field: string) =>
  (HIDDEN_FIELDS[uid as UID.ContentType] ?? []).includes(field);

/** The type a field leads to, for a path that goes on through it. */
const next = (attribute: Attribute | undefined) =>
  attribute?.type === 'relation'
    ? attribute.target
    : attribute?.type === 'component'
      ? attribute.component
      : undefined;

/** Whether a filter object of `uid` names a hidden field anywhere, through relations and components. */
function filterTouchesHidden(
  strapi: Core.Strapi,
  uid: string | undefined,
  filter: unknown,
  depth = 0,
): boolean {
  if (!uid || depth > 20 || filter === null || typeof filter !== 'object') return false;
  if (Array.isArray(filter)) return filter.some((item) => filterTouchesHidden(strapi, uid, item, depth + 1));
  const attributes = attributesOf(strapi, uid);
  return Object.entries(filter).some(([key, value]) => {
    // `$and`, `$or`, `$not` and the value operators stay on the same type.
    if (key.startsWith('$')) return filterTouchesHidden(strapi, uid, value, depth + 1);
    if (isHidden(uid, key)) return true;
    return filterTouchesHidden(strapi, next(attributes[key]) ?? uid, value, depth + 1);
  });
}

/** The field paths of a sort as Strapi takes it: "a.b:asc,c", an array of them, or nested objects. */
function sortPaths(sort: unknown, prefix: string[] = []): string[][] {
  if (typeof sort === 'string') {
    return sort.split(',').map((part) => [...prefix, ...part.split(':')[0].trim().split('.')]);
  }
  if (Array.isArray(sort)) return sort.flatMap((item) => sortPaths(item, prefix));
  if (sort && typeof sort === 'object') {
    return Object.entries(sort).flatMap(([key, value]) =>
      typeof value === 'object' ? sortPaths(value, [...prefix, key]) : [[...prefix, key]],
    );
  }
  return [];
}

function pathTouchesHidden(strapi: Core.Strapi, uid: string, path: string[]): boolean {
  let type: string | undefined = uid;
  for (const field of path) {
    if (!type) return false;
    if (isHidden(type, field)) return true;
    type = next(attributesOf(strapi, type)[field]);
  }
  return false;
}

/** The type a Content Manager request lists: the model, or for the relation picker its target. */
function listedType(strapi: Core.Strapi, params: Record<string, string | undefined>): string | undefined {
  if (!params.model) return undefined;
  return params.targetField ? next(attributesOf(strapi, params.model)[params.targetField]) : params.model;
}

const refuseHiddenFields = (strapi: Core.Strapi) => async (ctx: Context, next: Next) => {
  const uid = listedType(strapi, ctx.params ?? {});
  const query = ctx.query as Record<string, unknown>;
  if (
    uid &&
    (filterTouchesHidden(strapi, uid, query.filters) ||
      sortPaths(query.sort).some((path) => pathTouchesHidden(strapi, uid, path)))
  ) {
    throw refuse.invalid(REFUSED);
  }
  await next();
};

type Route = { method: string; path: string; config?: { middlewares?: unknown[] } };

/**
 * Called in `register`, before the database reads the models: the hidden fields are taken out of
 * the search, and every Content Manager route checks its filters and sorts.
 */
export function installHiddenFieldGuard(strapi: Core.Strapi) {
  for (const [uid, fields] of Object.entries(HIDDEN_FIELDS)) {
    const attributes = attributesOf(strapi, uid) as Record<string, Attribute & { searchable?: boolean }>;
    for (const field of fields ?? []) {
      if (!attributes[field]) throw new Error(`hidden-fields: ${uid} has no field ${field}`);
      attributes[field].searchable = false;
    }
  }
  const routes = (strapi.plugin('content-manager').routes as unknown as { admin?: { routes?: Route[] } })
    .admin?.routes;
  if (!routes?.length) throw new Error('hidden-fields: the Content Manager has no admin routes');
  for (const route of routes) {
    route.config = {
      ...route.config,
      middlewares: [...(route.config?.middlewares ?? []), refuseHiddenFields(strapi)],
    };
  }
}
