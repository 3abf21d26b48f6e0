import { STORY_THEMES, type Locale, type StoryTheme } from '@tasteget/shared/browser';
import { fetchStories, type Story } from './cms';

/**
 * The stories filter by theme: one static page per theme that has stories, so the filter works
 * without JavaScript. Themes come from the shared vocabulary (the CMS accepts no other values), in
 * its order.
 */
export interface ThemeGroup<T> {
  theme: StoryTheme;
  label: string;
  stories: T[];
}

export function storiesByTheme<T extends { themes: string[] | null }>(
  stories: T[],
  locale: Locale,
): ThemeGroup<T>[] {
  return STORY_THEMES.values
    .map((theme) => ({
      theme,
      label: STORY_THEMES.labels[theme][locale],
      stories: stories.filter((story) => story.themes?.includes(theme)),
    }))
    .filter((group) => group.stories.length > 0);
}

/**
 * The theme pages of one language: every theme that has stories in either language, so that the
 * page in the other language (the hreflang alternate) always exists.
 */
export async function themePages(locale: Locale) {
  const [sv, en] = await Promise.all([fetchStories('sv'), fetchStories('en')]);
  const used = new Set([...sv, ...en].flatMap((story) => story.themes ?? []));
  const groups = storiesByTheme(locale === 'sv' ? sv : en, locale);
  return STORY_THEMES.values
    .filter((theme) => used.has(theme))
    .map((theme) => ({ params: { theme }, props: { theme, groups } }));
}

export interface ThemePage {
  theme: StoryTheme;
  groups: ThemeGroup<Story>[];
}
