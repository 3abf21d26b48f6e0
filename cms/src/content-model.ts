import type { Core, UID } from '@strapi/strapi';

/**
 * The two halves of the content model. Published content has draft & publish and is readable by
 * the public role; every other API type belongs to the contact register (or the newsletter's send
 * log) and is never exposed through the public content API. The rule is derived from the schemas,
 * so a new type is classified the moment it is added.
 *
 * The content API itself follows the same line. Published types get read routes only: editors
 * write in the admin panel, and the portal and feeds only read. Register types get no content-API
 * routes at all (no `routes/`, `controllers/` or `services/` in their `api/` folder): personal
 * data is reached through the portal's and the newsletter's dedicated endpoints and the admin
 * panel, so no grant, API token or role can open it over REST. Each core route also carries
 * request and response schemas Strapi builds at boot; the routes left out were a fifth of an idle
 * CMS process's heap.
 */
/** The content API's actions on published content. */
export const CONTENT_API_READ_ACTIONS = ['find', 'findOne'] as const;

export function apiContentTypes(strapi: Core.Strapi) {
  return Object.values(strapi.contentTypes).filter((ct) => ct.uid.startsWith('api::'));
}

export function publishedContentTypes(strapi: Core.Strapi): UID.ContentType[] {
  return apiContentTypes(strapi)
    .filter((ct) => ct.options?.draftAndPublish === true)
    .map((ct) => ct.uid);
}

export function registerContentTypes(strapi: Core.Strapi): UID.ContentType[] {
  return apiContentTypes(strapi)
    .filter((ct) => ct.options?.draftAndPublish !== true)
    .map((ct) => ct.uid);
}
