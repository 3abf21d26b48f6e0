import type { Core } from '@strapi/strapi';

/**
 * Strapi 5's content API honours `?status=draft` for anyone allowed to `find`, and treats any
 * Authorization header it cannot use (`Basic x`) as no login, so the public role would read every
 * unpublished draft: an ambassador without consent to publish among them. The content API serves
 * published versions only, whoever asks: nothing of ours reads drafts through it; the editors'
 * preview goes through its own signed route (api/preview), which asks the document service itself.
 * The path is read as the router reads it (`/API/…` reaches the same handlers).
 */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  return async (ctx, next) => {
    if (ctx.path.toLowerCase().startsWith('/api/') && 'status' in ctx.query) {
      const { status: _ignored, ...rest } = ctx.query;
      ctx.query = rest;
    }
    await next();
  };
};
