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
