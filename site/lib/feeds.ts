import rss from '@astrojs/rss';
import type { Locale } from '@tasteget/shared/browser';
import { fetchArticles, fetchStories } from './cms';
import { UI } from './i18n';
import { route } from './routes';

/** RSS feeds of the news and the stories, one per language. */
export async function newsFeed(locale: Locale, site: URL) {
  const ui = UI[locale];
  const articles = await fetchArticles(locale);
  return rss({
    title: `${ui.news} – ${ui.siteName}`,
    description: ui.newsIntro,
    site,
    items: articles.map((a) => ({
      title: a.title,
      description: a.lead,
      pubDate: new Date(a.publishedAt),
      link: route('news', locale, a.slug),
    })),
    customData: `<language>${locale === 'sv' ? 'sv-se' : 'en-gb'}</language>`,
  });
}

export async function storiesFeed(locale: Locale, site: URL) {
  const ui = UI[locale];
  const stories = await fetchStories(locale);
  return rss({
    title: `${ui.stories} – ${ui.siteName}`,
    description: ui.storiesIntro,
    site,
    items: stories.map((s) => ({
      title: s.title,
      description: s.lead,
      pubDate: new Date(s.publishedAt),
      link: route('stories', locale, s.slug),
    })),
    customData: `<language>${locale === 'sv' ? 'sv-se' : 'en-gb'}</language>`,
  });
}
