import type { Core, UID } from '@strapi/strapi';

/**
 * The two halves of the content model. Published content has draft & publish and is readable by
 * the public role; every other API type belongs to the contact register (or the newsletter's send
 * log) and is never exposed through the public content API. The rule is derived from the schemas,
 * so a new type is classified the moment it is added.
 */
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
