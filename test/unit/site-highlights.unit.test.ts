import { describe, expect, it } from 'vitest';
import type { CmsEvent, Story } from '../../site/lib/cms';
import { featuredStories, kommunHighlights, upcomingEvents } from '../../site/lib/highlights';

const story = (slug: string, publishedAt: string, featured: boolean | null): Story => ({
  documentId: slug,
  slug,
  title: slug,
  lead: '',
  body: [],
  themes: null,
  featured,
  person: { name: 'N' },
  kommun: null,
  images: null,
  publishedAt,
  seo: null,
});

const event = (slug: string, startsAt: string, endsAt: string | null): CmsEvent => ({
  documentId: slug,
  title: slug,
  slug,
  startsAt,
  endsAt,
  place: null,
  signUpUrl: null,
  signUpOpen: null,
  description: null,
  kommun: null,
  seo: null,
});

describe("the home page's picks", () => {
  it('shows the featured stories newest first, then the newest others, up to the count', () => {
    const stories = [
      story('old-featured', '2026-01-01T10:00:00.000Z', true),
      story('newest', '2026-11-01T10:00:00.000Z', false),
      story('new-featured', '2026-10-01T10:00:00.000Z', true),
      story('older', '2026-03-01T10:00:00.000Z', null),
      story('oldest', '2025-03-01T10:00:00.000Z', false),
    ];
    expect(featuredStories(stories, 4).map((s) => s.slug)).toEqual([
      'new-featured',
      'old-featured',
      'newest',
      'older',
    ]);
    expect(featuredStories(stories, 1).map((s) => s.slug)).toEqual(['new-featured']);
  });

  it('lists the events not yet over, soonest first, an ongoing one included', () => {
    const now = Date.parse('2026-12-01T12:00:00.000Z');
    const events = [
      event('later', '2026-12-20T17:00:00.000Z', null),
      event('past', '2026-11-30T17:00:00.000Z', '2026-11-30T19:00:00.000Z'),
      event('ongoing', '2026-12-01T10:00:00.000Z', '2026-12-01T14:00:00.000Z'),
      event('started-without-end', '2026-12-01T11:00:00.000Z', null),
      event('soon', '2026-12-02T17:00:00.000Z', '2026-12-02T19:00:00.000Z'),
    ];
    expect(upcomingEvents(events, now).map((e) => e.slug)).toEqual(['ongoing', 'soon', 'later']);
  });
});

describe("a municipality's page", () => {
  it('lists only its own stories, upcoming events, ambassadors and spaces', () => {
    const are = { slug: 'are', name: 'Åre', municipality: 'are' as const };
    const berg = { slug: 'berg', name: 'Berg', municipality: 'berg' as const };
    const now = Date.parse('2026-12-05T12:00:00.000Z');
    const own = kommunHighlights(
      'are',
      {
        stories: [
          { ...story('a', '2026-01-01T10:00:00.000Z', false), kommun: are },
          { ...story('b', '2026-01-01T10:00:00.000Z', true), kommun: berg },
        ],
        events: [
          { ...event('past', '2026-11-01T10:00:00.000Z', null), kommun: are },
          { ...event('soon', '2026-12-10T10:00:00.000Z', null), kommun: are },
          { ...event('elsewhere', '2026-12-10T10:00:00.000Z', null), kommun: berg },
        ],
        ambassadors: [
          {
            documentId: 'a1',
            name: 'A',
            slug: 'a',
            bio: null,
            topics: null,
            languages: null,
            kommun: are,
            photo: null,
          },
          {
            documentId: 'b1',
            name: 'B',
            slug: 'b',
            bio: null,
            topics: null,
            languages: null,
            kommun: null,
            photo: null,
          },
        ],
        spaces: [],
      },
      now,
    );
    expect(own.stories.map((s) => s.slug)).toEqual(['a']);
    expect(own.events.map((e) => e.slug)).toEqual(['soon']);
    expect(own.ambassadors.map((a) => a.slug)).toEqual(['a']);
    expect(own.spaces).toEqual([]);
  });
});
