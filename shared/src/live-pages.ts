import { z } from 'zod';
import { LOCALES } from './labels';
import { portalRoute, type PortalSection } from './routes';
import type { Locale } from './labels';

/**
 * Publish-to-live: the published types that have a page of their own on the portal, and the notice
 * the CMS sends the portal server after a publish (POST /__rebuild). The server renders each named
 * page at once and publishes it over the last build; the full rebuild that follows refreshes the
 * lists, the search index and the sitemap.
 */
export const LIVE_PAGE_SECTIONS = {
  story: 'stories',
  article: 'news',
  event: 'events',
  kommun: 'municipalities',
} as const satisfies Record<string, PortalSection>;
export type LivePageType = keyof typeof LIVE_PAGE_SECTIONS;
export const LIVE_PAGE_TYPES = Object.keys(LIVE_PAGE_SECTIONS) as [LivePageType, ...LivePageType[]];

/** Types shown on a list page only, with that page's section: their entries are anchored by slug. */
export const LIST_ENTRY_SECTIONS = {
  edition: 'magazine',
  ambassador: 'ambassadors',
  coworking: 'coworking',
} as const satisfies Record<string, PortalSection>;
export type ListEntryType = keyof typeof LIST_ENTRY_SECTIONS;

/**
 * What an editor can preview on the portal, by the name its preview links use: a page of its own
 * or an entry of a list page. The CMS maps each to its content type and the site to its schema;
 * both maps are checked against this, so neither can gain or lose a type alone.
 */
export type PreviewType = LivePageType | ListEntryType;

/** Where an entry of a list page is shown: the list page, at the entry. */
export function listEntryPath(type: ListEntryType, locale: Locale, slug: string): string {
  return `${portalRoute(LIST_ENTRY_SECTIONS[type], locale)}#${slug}`;
}

/** A notice names at most this many pages; a larger burst (an import, the seed) waits for the rebuild. */
export const MAX_LIVE_PAGES = 50;

/** A page's address on the portal, as the site's own links have it. */
export function livePagePath(type: LivePageType, locale: Locale, slug: string): string {
  return portalRoute(LIVE_PAGE_SECTIONS[type], locale, slug);
}

const pagePath = z.string().regex(/^\/(?:[a-z0-9-]+\/)+$/, 'a page path such as /berattelser/slug/');

export const livePageChange = z.object({
  type: z.enum(LIVE_PAGE_TYPES),
  documentId: z.string().regex(/^[a-z0-9]{1,64}$/i),
  locale: z.enum(LOCALES),
  /** Where the page was before the change (null if it was not published): gone unless rendered there again. */
  was: pagePath.nullable(),
});
export type LivePageChange = z.output<typeof livePageChange>;

/** An empty notice (or none) asks for the full rebuild only. */
export const siteNotice = z.object({ pages: z.array(livePageChange).max(MAX_LIVE_PAGES).default([]) });
export type SiteNotice = z.output<typeof siteNotice>;
