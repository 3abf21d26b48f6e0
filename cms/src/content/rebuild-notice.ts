import type { Core } from '@strapi/strapi';
import { environment } from '../platform/environment';
import { publishedContentTypes } from '../platform/content-types';

/**
 * Tells the portal server when what visitors see has changed, so that it rebuilds the static
 * site. Only actions that change published content count: publishing, unpublishing, deleting,
 * and a save made straight to the published version. The portal server debounces (one build for
 * a burst of edits) and keeps serving the last good build if a build fails; a notice that cannot
 * be delivered is logged and never blocks the editor.
 */
const PUBLISHING_ACTIONS = new Set(['publish', 'unpublish', 'delete', 'create', 'update']);

export function installSiteRebuildNotice(strapi: Core.Strapi) {
  let published: Set<string> | null = null;
  strapi.documents.use(async (context, next) => {
    const result = await next();
    published ??= new Set(publishedContentTypes(strapi));
    const params = (context.params ?? {}) as { status?: string };
    const changesPublished =
      context.action === 'publish' ||
      context.action === 'unpublish' ||
      context.action === 'delete' ||
      (PUBLISHING_ACTIONS.has(context.action) && params.status === 'published');
    if (published.has(context.uid) && changesPublished) scheduleNotice(strapi);
    return result;
  });
}

/** A burst of changes (an editor's session, the seed) sends one notice, a second after the last. */
const NOTICE_DELAY_MS = 1_000;
let pending: NodeJS.Timeout | null = null;

function scheduleNotice(strapi: Core.Strapi) {
  if (!environment().SITE_REBUILD_URL) return;
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = null;
    void notifyPortal(strapi);
  }, NOTICE_DELAY_MS);
  pending.unref();
}

async function notifyPortal(strapi: Core.Strapi) {
  const env = environment();
  if (!env.SITE_REBUILD_URL) return;
  try {
    const res = await fetch(env.SITE_REBUILD_URL, {
      method: 'POST',
      headers: { Authorization: `Bearer ${env.SITE_BUILD_SECRET}` },
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) strapi.log.warn(`Portal rebuild notice answered HTTP ${res.status}`);
  } catch (error) {
    strapi.log.warn(`Portal rebuild notice failed: ${(error as Error).message}`);
  }
}
