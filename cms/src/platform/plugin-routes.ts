import type { Core } from '@strapi/strapi';

type Route = { method: string; path: string; config?: { middlewares?: unknown[] } };

/**
 * Adds `middleware` to a plugin's admin route, after its authentication and permission checks.
 * Loud on a Strapi upgrade that moves the route, rather than a check that silently stops running.
 */
export function addToPluginRoute(
  strapi: Core.Strapi,
  plugin: string,
  route: { method: string; path: string },
  middleware: unknown,
) {
  const routes = (strapi.plugin(plugin).routes as unknown as { admin?: { routes?: Route[] } }).admin?.routes;
  const found = routes?.find((r) => r.method === route.method && r.path === route.path);
  if (!found) throw new Error(`no ${plugin} admin route ${route.method} ${route.path}`);
  found.config = { ...found.config, middlewares: [...(found.config?.middlewares ?? []), middleware] };
}
