import type { Core } from '@strapi/strapi';

/**
 * Strapi 5's content API honours `?status=draft` for anyone allowed to `find`, which would show
 * unpublished drafts to the public. Anonymous requests to the content API get published versions
 * only; draft preview goes through an API token (an Authorization header).
 */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  return async (ctx, next) => {
    if (ctx.path.startsWith('/api/') && !ctx.get('authorization') && 'status' in ctx.query) {
      const { status: _ignored, ...rest } = ctx.query;
      ctx.query = rest;
    }
    await next();
  };
};
