import { livePagePath, type LivePageType, type Locale } from '@tasteget/shared/browser';
import {
  fetchArticles,
  fetchEvents,
  fetchKommuner,
  fetchStories,
  type Article,
  type CmsEvent,
  type KommunPage,
  type Story,
} from './cms';
import { forgetAnswers } from './cms-transport';
import { upcomingEvents } from './highlights';

/**
 * Publish-to-live (site/pages/live/<type>.astro, rendered on demand by the portal server after a
 * publish, never routed to visitors): one published page, read from the CMS as it is now with the
 * build's own queries and schemas, so that the HTML is the page the next full build writes.
 * `missing` when the document has no published version in that locale (unpublished, deleted, or
 * not translated).
 */
export type LivePage =
  | { kind: 'story'; locale: Locale; path: string; story: Story }
  | { kind: 'article'; locale: Locale; path: string; article: Article }
  | { kind: 'event'; locale: Locale; path: string; event: CmsEvent; upcoming: boolean }
  | { kind: 'kommun'; locale: Locale; path: string; kommun: KommunPage }
  | { kind: 'missing'; locale: Locale };

export async function fetchLivePage(type: LivePageType, query: URLSearchParams): Promise<LivePage> {
  // A municipality's page lists its stories and events too: all as they are now.
  forgetAnswers();
  const locale: Locale = query.get('locale') === 'en' ? 'en' : 'sv';
  const id = query.get('id') ?? '';
  const missing = { kind: 'missing', locale } as const;
  if (!/^[a-z0-9]{1,64}$/i.test(id)) return missing;
  switch (type) {
    case 'story': {
      const [story] = await fetchStories(locale, id);
      return story ? { kind: type, locale, path: livePagePath(type, locale, story.slug), story } : missing;
    }
    case 'article': {
      const [article] = await fetchArticles(locale, id);
      return article
        ? { kind: type, locale, path: livePagePath(type, locale, article.slug), article }
        : missing;
    }
    case 'event': {
      const [event] = await fetchEvents(locale, id);
      if (!event) return missing;
      const upcoming = upcomingEvents([event]).length === 1;
      return { kind: type, locale, path: livePagePath(type, locale, event.slug), event, upcoming };
    }
    case 'kommun': {
      const [kommun] = await fetchKommuner(locale, id);
      return kommun ? { kind: type, locale, path: livePagePath(type, locale, kommun.slug), kommun } : missing;
    }
  }
}

/** Never cached; a page that is not published answers 404, one that is names its address. */
export function liveHeaders(response: ResponseInit & { headers: Headers }, live: LivePage) {
  response.headers.set('Cache-Control', 'no-store');
  if (live.kind === 'missing') response.status = 404;
  else response.headers.set('X-Live-Path', live.path);
}
