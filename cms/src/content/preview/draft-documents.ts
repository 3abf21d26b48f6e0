import type { Core, UID } from '@strapi/strapi';
import {
  AMBASSADOR_LIST_QUERY,
  ARTICLE_PAGE_QUERY,
  COWORKING_LIST_QUERY,
  EDITION_LIST_QUERY,
  EVENT_PAGE_QUERY,
  KOMMUN_PAGE_QUERY,
  listEntryPath,
  livePagePath,
  STORY_PAGE_QUERY,
  type PageQuery,
} from '@tasteget/shared';
import { PREVIEW_TYPES, type PreviewLocale, type PreviewTarget, type PreviewType } from './preview-link';

/**
 * What the preview endpoint reads for each type: the very query the portal's build sends to the
 * public API (shared/src/page-queries.ts), so the portal renders a draft with the components of the
 * published page and validates it with the same schemas.
 */
const QUERIES: Record<PreviewType, PageQuery> = {
  story: STORY_PAGE_QUERY,
  article: ARTICLE_PAGE_QUERY,
  event: EVENT_PAGE_QUERY,
  kommun: KOMMUN_PAGE_QUERY,
  edition: EDITION_LIST_QUERY,
  ambassador: AMBASSADOR_LIST_QUERY,
  coworking: COWORKING_LIST_QUERY,
};

/** The draft version of one document in one language, or null. */
export async function loadDraft(strapi: Core.Strapi, target: PreviewTarget) {
  const uid: UID.ContentType = PREVIEW_TYPES[target.type];
  return strapi.documents(uid).findOne({
    documentId: target.documentId,
    locale: target.locale,
    status: 'draft',
    ...QUERIES[target.type],
  } as never);
}

/** Where the published version is on the portal: its own page, or its place on a list page. */
export function publicPath(type: PreviewType, locale: PreviewLocale, slug: string): string {
  switch (type) {
    case 'edition':
    case 'ambassador':
    case 'coworking':
      return listEntryPath(type, locale, slug);
    default:
      return livePagePath(type, locale, slug);
  }
}

/** The portal's on-demand page that renders a draft (site/pages/forhandsvisning.astro). */
export const PREVIEW_PAGE = '/forhandsvisning/';
