import rss from '@astrojs/rss';
import type { Locale } from '@tasteget/shared/browser';
import { fetchArticles, fetchStories } from './cms';
import { UI } from './i18n';
import { route, type Section } from './routes';

/** RSS feeds of the news and the stories, one per language. */
interface FeedEntry {
  title: string;
  slug: string;
  lead: string;
  publishedAt: string;
}

function feed(
  locale: Locale,
  site: URL,
  title: string,
  description: string,
  section: Section,
  entries: FeedEntry[],
) {
  return rss({
    title: `${title} – ${UI[locale].siteName}`,
    description,
    // The channel links to its list page in its language (the site's root is the Swedish home).
    site: new URL(route(section, locale), site).href,
    items: entries.map((e) => ({
      title: e.title,
      description: e.lead,
      pubDate: new Date(e.publishedAt),
      link: route(section, locale, e.slug),
    })),
    customData: `<language>${locale === 'sv' ? 'sv-se' : 'en-gb'}</language>`,
  });
}

export async function newsFeed(locale: Locale, site: URL) {
  const ui = UI[locale];
  return feed(locale, site, ui.news, ui.newsIntro, 'news', await fetchArticles(locale));
}

export async function storiesFeed(locale: Locale, site: URL) {
  const ui = UI[locale];
  return feed(locale, site, ui.stories, ui.storiesIntro, 'stories', await fetchStories(locale));
}
