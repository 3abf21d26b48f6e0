import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { addToPluginRoute } from './plugin-routes';

/**
 * The Content Manager's relation routes (a relation field's picker and its current value) answer
 * a user who may not read the field with a 500: Strapi's check sets a 403 and its caller goes on
 * with nothing. Here the field is checked first, and the refusal is a 403 that plain-refusals.ts
 * words for staff. Components are left to Strapi, which does not check them either.
 */
type Ability = unknown;

export const RELATION_ROUTES = ['/relations/:model/:targetField', '/relations/:model/:id/:targetField'];

function mayReadField(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    const { model, targetField } = ctx.params as { model?: string; targetField?: string };
    const userAbility = (ctx.state as { userAbility?: Ability }).userAbility;
    if (model && targetField && userAbility && strapi.contentTypes[model as never]) {
      const checker = strapi
        .plugin('content-manager')
        .service('permission-checker')
        .create({ userAbility, model }) as { cannot: { read: (entity: null, field: string) => boolean } };
      if (checker.cannot.read(null, targetField)) throw new errors.ForbiddenError();
    }
    return next();
  };
}

export function installRelationRouteGuard(strapi: Core.Strapi) {
  for (const path of RELATION_ROUTES)
    addToPluginRoute(strapi, 'content-manager', { method: 'GET', path }, mayReadField(strapi));
}
