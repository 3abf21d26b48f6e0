import type { Core } from '@strapi/strapi';

/** The logged-in admin user behind the current request, if any (a CMS write outside a request has none). */
export interface RequestUser {
  id?: number;
  firstname?: string;
  email?: string;
}

export function requestUser(strapi: Core.Strapi): RequestUser | undefined {
  return (strapi.requestContext.get() as { state?: { user?: RequestUser } } | undefined)?.state?.user;
}

/**
 * The current request when it is the Content Manager's (the admin's generic editing screens), with
 * the user's permissions; undefined for every other write, the project's own admin endpoints
 * included (they check roles and queues themselves).
 */
export function contentManagerRequest(
  strapi: Core.Strapi,
): { user: RequestUser; userAbility: unknown } | undefined {
  const ctx = strapi.requestContext.get() as
    { path?: string; state?: { user?: RequestUser; userAbility?: unknown } } | undefined;
  if (!ctx?.path?.startsWith('/content-manager/') || !ctx.state?.user || !ctx.state.userAbility)
    return undefined;
  return { user: ctx.state.user, userAbility: ctx.state.userAbility };
}
