import type { Core, UID } from '@strapi/strapi';
import { MUNICIPALITIES } from '@tasteget/shared';
import type { Context, Next } from 'koa';
import { municipalityRelation } from '../platform/access-scopes';
import { KOMMUN } from '../platform/content-types';

/**
 * The Content Manager's picker for a page's municipality offers the municipalities the user may
 * save the page into, and no others: a municipal editor sees their own. The server's rule stays
 * the guard (access-scopes.ts refuses a save into another municipality, with the reason); this
 * spares the editor a choice that can only be refused. The picker's own `idsToOmit` parameter
 * carries the others, so Strapi's query, paging and search are left as they are.
 */
const PICKER = { method: 'GET', path: '/relations/:model/:targetField' };

type Route = { method: string; path: string; config?: { middlewares?: unknown[] } };
type Checker = { can: Record<'create' | 'update', (entity: object) => boolean> };

/**
 * A record of `uid` in municipality `slug` and the edited language version's locale, shaped as
 * the conditions read it (one municipality or many; i18n adds the role's locales as a condition).
 */
function recordIn(strapi: Core.Strapi, uid: string, relation: string, slug: string, locale: unknown): object {
  const attributes = strapi.getModel(uid as UID.ContentType).attributes as Record<
    string,
    { relation?: string }
  >;
  const attribute = attributes[relation];
  const kommun = { municipality: slug };
  return {
    ...(typeof locale === 'string' ? { locale } : {}),
    [relation]: attribute?.relation?.endsWith('ToMany') ? [kommun] : kommun,
  };
}

/** The municipalities whose content of `uid` the user may save: all of them, or their own. */
export function writableMunicipalities(
  strapi: Core.Strapi,
  userAbility: unknown,
  uid: string,
  relation: string,
  locale: unknown,
): string[] {
  const checker = strapi
    .plugin('content-manager')
    .service('permission-checker')
    .create({ userAbility, model: uid }) as Checker;
  return MUNICIPALITIES.map((m) => m.slug).filter((slug) => {
    const record = recordIn(strapi, uid, relation, slug, locale);
    return checker.can.update(record) || checker.can.create(record);
  });
}

function omitOtherMunicipalities(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    const { model, targetField } = ctx.params as { model?: string; targetField?: string };
    const userAbility = (ctx.state as { userAbility?: unknown }).userAbility;
    const relation = model ? municipalityRelation(model) : undefined;
    if (!model || !relation || relation !== targetField || !userAbility) return next();
    const query = ctx.request.query as Record<string, unknown>;
    const allowed = writableMunicipalities(strapi, userAbility, model, relation, query.locale);
    if (allowed.length === MUNICIPALITIES.length) return next();
    const others = (await strapi.db.query(KOMMUN).findMany({
      where: { municipality: { $notIn: allowed } },
      select: ['id'],
    })) as { id: number }[];
    const omitted = ([] as unknown[]).concat(query.idsToOmit ?? []).map(String);
    ctx.request.query = { ...query, idsToOmit: [...omitted, ...others.map((k) => String(k.id))] } as never;
    return next();
  };
}

export function installMunicipalityPicker(strapi: Core.Strapi) {
  const routes = (strapi.plugin('content-manager').routes as unknown as { admin?: { routes?: Route[] } })
    .admin?.routes;
  const route = routes?.find((r) => r.method === PICKER.method && r.path === PICKER.path);
  // Loud on a Strapi upgrade that moves the route, rather than a picker that silently offers all.
  if (!route)
    throw new Error(`municipality-picker: no Content Manager route ${PICKER.method} ${PICKER.path}`);
  route.config = {
    ...route.config,
    middlewares: [...(route.config?.middlewares ?? []), omitOtherMunicipalities(strapi)],
  };
}
