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
/** Every API content type, named once. Schemas live in `api/<name>/content-types/`. */
export const AMBASSADOR = 'api::ambassador.ambassador';
export const ARTICLE = 'api::article.article';
export const COWORKING_SPACE = 'api::coworking-space.coworking-space';
export const EDITION = 'api::magazine-edition.magazine-edition';
export const EVENT = 'api::event.event';
export const KOMMUN = 'api::kommun.kommun';
export const STORY = 'api::story.story';
export const ACCESSIBILITY_STATEMENT = 'api::accessibility-statement.accessibility-statement';
export const ACTIVITY = 'api::contact-activity.contact-activity';
export const AUDIT = 'api::register-audit.register-audit';
export const CONSENT = 'api::consent-record.consent-record';
export const CONTACT = 'api::contact.contact';
export const INBOUND = 'api::inbound-message.inbound-message';
export const EVENT_REGISTRATION = 'api::event-registration.event-registration';
export const NETWORK_CONTACT = 'api::network-contact.network-contact';
export const GUIDE_ASSIGNMENT = 'api::guide-assignment.guide-assignment';
export const ORDER = 'api::magazine-order.magazine-order';
export const OUTBOX = 'api::outbox-message.outbox-message';
export const SUPPRESSION = 'api::mail-suppression.mail-suppression';
export const NEWSLETTER = 'api::newsletter.newsletter';
export const SUBSCRIPTION = 'api::newsletter-subscription.newsletter-subscription';
export const CAMPAIGN = 'api::newsletter-campaign.newsletter-campaign';
export const DELIVERY = 'api::newsletter-delivery.newsletter-delivery';

/** Strapi's namespace of the project's own types (and of their permission actions). */
export const API_NAMESPACE = 'api::';

/** The content API's actions on published content: a single type has one document, read by `find`. */
export const CONTENT_API_READ_ACTIONS = ['find', 'findOne'] as const;
export const SINGLE_TYPE_READ_ACTIONS = ['find'] as const;

export function contentApiReadActions(kind: 'collectionType' | 'singleType'): readonly string[] {
  return kind === 'singleType' ? SINGLE_TYPE_READ_ACTIONS : CONTENT_API_READ_ACTIONS;
}

export function apiContentTypes(strapi: Core.Strapi) {
  return Object.values(strapi.contentTypes).filter((ct) => ct.uid.startsWith(API_NAMESPACE));
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
