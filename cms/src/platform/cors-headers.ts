import type { Context, Next } from 'koa';

/**
 * Strapi's CORS middleware treats a request without an `Origin` (a browser's own navigation, a
 * server, curl) as coming from anywhere, and with credentials on it then names the missing
 * origin: an empty `Access-Control-Allow-Origin` and `Access-Control-Allow-Credentials: true`
 * on every such answer. Such a request is not cross-origin and needs no CORS headers, so this
 * middleware, right inside Strapi's, takes them off again. Answers to a named origin are Strapi's.
 */
const CORS_ANSWER_HEADERS = [
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Expose-Headers',
];

export default () =>
  async function corsHeaders(ctx: Context, next: Next): Promise<void> {
    if (!ctx.get('Origin')) for (const name of CORS_ANSWER_HEADERS) ctx.remove(name);
    await next();
  };
