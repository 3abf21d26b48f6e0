import type { Ambassador, CmsEvent, CoworkingSpace, Story } from './cms';

/**
 * What the home page picks from the collections it shares with the other pages (each is fetched
 * once per build): the stories editors marked as featured, newest first, topped up with the
 * newest others; and the events still to come.
 */
export function featuredStories(stories: Story[], count: number): Story[] {
  const newestFirst = [...stories].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  return [...newestFirst.filter((s) => s.featured), ...newestFirst.filter((s) => !s.featured)].slice(
    0,
    count,
  );
}

/** Events that are over, newest first: the archive. */
export function pastEvents(events: CmsEvent[], now = Date.now()): CmsEvent[] {
  return events
    .filter((e) => new Date(e.endsAt ?? e.startsAt).getTime() < now)
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
}

/** Events not yet over at `now` (the build; the site is rebuilt on every publish), soonest first. */
export function upcomingEvents(events: CmsEvent[], now = Date.now()): CmsEvent[] {
  return events
    .filter((e) => new Date(e.endsAt ?? e.startsAt).getTime() >= now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** What a municipality's page lists of the shared collections: its own, from the same fetches. */
export function kommunHighlights(
  kommun: string,
  all: { stories: Story[]; events: CmsEvent[]; ambassadors: Ambassador[]; spaces: CoworkingSpace[] },
  now = Date.now(),
) {
  const own = <T extends { kommun: { slug: string } | null }>(items: T[]) =>
    items.filter((item) => item.kommun?.slug === kommun);
  return {
    stories: featuredStories(own(all.stories), 6),
    events: upcomingEvents(own(all.events), now).slice(0, 5),
    ambassadors: own(all.ambassadors),
    spaces: own(all.spaces),
  };
}
