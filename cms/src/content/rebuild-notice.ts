import type { Core, UID } from '@strapi/strapi';
import {
  LOCALES,
  MAX_LIVE_PAGES,
  livePagePath,
  type LivePageChange,
  type LivePageType,
  type Locale,
} from '@tasteget/shared';
import { environment } from '../platform/environment';
import { ARTICLE, EVENT, KOMMUN, STORY, publishedContentTypes } from '../platform/content-types';

/**
 * Tells the portal server when what visitors see has changed. Only actions that change published
 * content count: publishing, unpublishing, deleting, and a save made straight to the published
 * version. The notice names the pages of the documents that changed (with where each page was
 * before), which the portal server publishes live at once; it also rebuilds the whole site, for
 * the lists, the search index and the sitemap (debounced, keeping the last good build if a build
 * fails). A change in the Media Library rebuilds the site too. A notice that cannot be delivered
 * is logged and never blocks the editor.
 */
const PUBLISHING_ACTIONS = new Set(['publish', 'unpublish', 'delete', 'create', 'update']);

/** The published types with a page of their own on the portal. */
const LIVE_PAGE_TYPES: Partial<Record<string, LivePageType>> = {
  [STORY]: 'story',
  [ARTICLE]: 'article',
  [EVENT]: 'event',
  [KOMMUN]: 'kommun',
};

type DocumentParams = { status?: string; documentId?: string; locale?: string };

export function installSiteRebuildNotice(strapi: Core.Strapi) {
  // A picture edited in the Media Library (its alt text, or the file replaced) or deleted changes
  // published pages without a document being published. No live page names it: the whole site is
  // rebuilt. A new upload changes nothing until content that uses it is published.
  const mediaChanged = () => {
    if (environment().SITE_REBUILD_URL) scheduleNotice(strapi);
  };
  strapi.db.lifecycles.subscribe({
    models: ['plugin::upload.file'],
    afterUpdate: mediaChanged,
    afterDelete: mediaChanged,
  });
  let published: Set<string> | null = null;
  strapi.documents.use(async (context, next) => {
    published ??= new Set(publishedContentTypes(strapi));
    const params = (context.params ?? {}) as DocumentParams;
    const changesPublished =
      context.action === 'publish' ||
      context.action === 'unpublish' ||
      context.action === 'delete' ||
      (PUBLISHING_ACTIONS.has(context.action) && params.status === 'published');
    if (!published.has(context.uid) || !changesPublished || !environment().SITE_REBUILD_URL) return next();

    const type = LIVE_PAGE_TYPES[context.uid];
    // Every locale's page, whichever locale changed: each names the others in its language link
    // and hreflang, so publishing a translation changes the page in the other language too. A
    // locale the document is not in has no page, which costs the portal one answer of "missing".
    const locales = LOCALES;
    const before =
      type && params.documentId
        ? await publishedPaths(strapi, context.uid, type, params.documentId, locales)
        : new Map<Locale, string>();
    const result = await next();
    const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
    const changed = () => {
      if (type && documentId) {
        for (const locale of locales) {
          pageChanged({ type, documentId, locale, was: before.get(locale) ?? null });
        }
      }
      scheduleNotice(strapi);
    };
    // The admin publishes inside a transaction: the portal must not read the page before it commits
    // (and hears nothing of a change rolled back). A nested transaction shares the outer one's
    // commit callbacks.
    if (strapi.db.inTransaction()) {
      await strapi.db.transaction(async ({ onCommit }) => onCommit(changed));
    } else {
      changed();
    }
    return result;
  });
}

/** Where a document's published pages are now, per locale (before a change moves or removes them). */
async function publishedPaths(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  type: LivePageType,
  documentId: string,
  locales: readonly Locale[],
): Promise<Map<Locale, string>> {
  const paths = new Map<Locale, string>();
  for (const locale of locales) {
    const found = (await strapi.documents(uid).findOne({
      documentId,
      locale,
      status: 'published',
      fields: ['slug'],
    } as never)) as { slug?: string } | null;
    if (found?.slug) paths.set(locale, livePagePath(type, locale, found.slug));
  }
  return paths;
}

/**
 * A burst of changes (an editor's session, the seed) sends one notice, shortly after the last. A
 * page changed twice in a burst keeps where it was before the first change. A burst of more pages
 * than a notice may name asks for the full build only.
 */
const NOTICE_DELAY_MS = 200;
let pending: NodeJS.Timeout | null = null;
let pages = new Map<string, LivePageChange>();
let overflow = false;

function pageChanged(change: LivePageChange) {
  const key = `${change.type}:${change.documentId}:${change.locale}`;
  if (!pages.has(key)) pages.set(key, change);
  if (pages.size > MAX_LIVE_PAGES) overflow = true;
}

function scheduleNotice(strapi: Core.Strapi) {
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = null;
    const notice = { pages: overflow ? [] : [...pages.values()] };
    pages = new Map();
    overflow = false;
    void notifyPortal(strapi, notice);
  }, NOTICE_DELAY_MS);
  pending.unref();
}

async function notifyPortal(strapi: Core.Strapi, notice: { pages: LivePageChange[] }) {
  const env = environment();
  if (!env.SITE_REBUILD_URL) return;
  try {
    const res = await fetch(env.SITE_REBUILD_URL, {
      method: 'POST',
      headers: { Authorization: `Bearer ${env.SITE_BUILD_SECRET}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(notice),
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) strapi.log.warn(`Portal rebuild notice answered HTTP ${res.status}`);
  } catch (error) {
    strapi.log.warn(`Portal rebuild notice failed: ${(error as Error).message}`);
  }
}
