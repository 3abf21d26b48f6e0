import { z } from 'zod';
import {
  AMBASSADOR_LIST_QUERY,
  ARTICLE_PAGE_QUERY,
  ASSESSMENT_METHODS,
  COWORKING_LIST_QUERY,
  EDITION_LIST_QUERY,
  EVENT_PAGE_QUERY,
  KOMMUN_PAGE_QUERY,
  MUNICIPALITY_SLUGS,
  COMPLIANCE_STATUSES,
  SHORTCOMING_REASONS,
  SEO_POPULATE,
  STORY_PAGE_QUERY,
  populateParams,
  type Locale,
} from '@tasteget/shared/browser';
import { fromAnswers, getJson } from './cms-transport';
import { cmsUrl } from './cms-url';

/**
 * Reads published content from the CMS REST API at build time. Every response is validated: a CMS
 * change that breaks the contract fails the build with a message naming the endpoint and field,
 * instead of rendering garbage.
 */
const PAGE_SIZE = 100;
const PARALLEL_PAGES = 4;

const pagination = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  total: z.number().int(),
});

export class CmsContractError extends Error {
  constructor(endpoint: string, issues: z.core.$ZodIssue[]) {
    super(
      `The CMS answered ${endpoint} with data the site does not understand:\n` +
        issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n'),
    );
    this.name = 'CmsContractError';
  }
}

/** A collection's query narrowed to one document: a page rendered live after a publish (live.ts). */
const oneDocument = (documentId?: string): Record<string, string> =>
  documentId ? { 'filters[documentId][$eq]': documentId } : {};

/** All published entries of a collection in one locale, page by page. */
export async function fetchCollection<T extends z.ZodType>(
  collection: string,
  item: T,
  options: { locale: Locale; fields: readonly string[]; sort?: string; params?: Record<string, string> },
): Promise<z.output<T>[]> {
  const response = z.object({ data: z.array(item), meta: z.object({ pagination }) });
  const fetchPage = async (page: number) => {
    const params = new URLSearchParams({
      locale: options.locale,
      'pagination[page]': String(page),
      'pagination[pageSize]': String(PAGE_SIZE),
      ...(options.sort ? { sort: options.sort } : {}),
    });
    options.fields.forEach((field, i) => params.set(`fields[${i}]`, field));
    for (const [key, value] of Object.entries(options.params ?? {})) params.set(key, value);
    const endpoint = `/api/${collection}?${params}`;
    const parsed = response.safeParse(await getJson(endpoint));
    if (!parsed.success) throw new CmsContractError(endpoint, parsed.error.issues);
    return parsed.data;
  };
  // The first page tells how many there are; the rest are asked for a few at a time.
  const first = await fetchPage(1);
  const pages: z.output<T>[][] = [first.data];
  const remaining = Array.from({ length: Math.max(0, first.meta.pagination.pageCount - 1) }, (_, i) => i + 2);
  for (let i = 0; i < remaining.length; i += PARALLEL_PAGES) {
    const batch = await Promise.all(remaining.slice(i, i + PARALLEL_PAGES).map(fetchPage));
    pages.push(...batch.map((b) => b.data));
  }
  return pages.flat();
}

export const storySummary = z.object({
  documentId: z.string().min(1),
  title: z.string().min(1),
  slug: z.string().min(1),
  lead: z.string(),
});
export type StorySummary = z.output<typeof storySummary>;

/** An image from the CMS's media library; `url` is relative to the CMS. */
export const media = z.object({ url: z.string().min(1), alternativeText: z.string().nullable().optional() });

/**
 * The Media Library keeps one alt text per file, and editors write it in Swedish: on a page in
 * another language the image says so (`lang`, WCAG 3.1.2), and a screen reader reads it as Swedish.
 */
export const mediaAltLang = (locale: Locale, alt: string | null | undefined) =>
  alt && locale !== 'sv' ? 'sv' : undefined;
export type Media = z.output<typeof media>;

/** The editors' SEO component; null where they left it empty. */
export const seo = z
  .object({
    metaTitle: z.string().nullable(),
    metaDescription: z.string().nullable(),
    shareImage: media.nullable(),
  })
  .nullable();
export type Seo = z.output<typeof seo>;
const seoParams = populateParams({ seo: SEO_POPULATE });

/** Strapi's rich text ("blocks"): checked for shape here, rendered by components/RichText.astro. */
const inline: z.ZodType<InlineNode> = z.lazy(() =>
  z.union([
    z.object({
      type: z.literal('text'),
      text: z.string(),
      bold: z.boolean().optional(),
      italic: z.boolean().optional(),
    }),
    z.object({ type: z.literal('link'), url: z.string(), children: z.array(inline) }),
  ]),
);
export type InlineNode =
  | { type: 'text'; text: string; bold?: boolean; italic?: boolean }
  | { type: 'link'; url: string; children: InlineNode[] };
/** A list inside a list (Strapi's editor indents one with Tab), its items kept at their own level. */
type ListNode = { type: 'list'; format?: 'ordered' | 'unordered'; children: ListChild[] };
type ListChild = { type: 'list-item'; children: InlineNode[] } | ListNode;
const listChild: z.ZodType<ListChild> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('list-item'), children: z.array(inline) }),
    z.object({
      type: z.literal('list'),
      format: z.enum(['ordered', 'unordered']).optional(),
      children: z.array(listChild),
    }),
  ]),
);
const richTextBlock = z.looseObject({
  type: z.enum(['paragraph', 'heading', 'list', 'quote', 'code', 'image']),
  level: z.number().int().min(1).max(6).optional(),
  format: z.enum(['ordered', 'unordered']).optional(),
  /** An image block's picture, from the Media Library. */
  image: z.object({ url: z.string().min(1), alternativeText: z.string().nullable().optional() }).optional(),
  children: z.array(z.union([inline, listChild])),
});
/**
 * Every block the CMS's editor offers is shown. A block of a kind the portal does not know (a
 * newer editor's) is left out with a line in the build's log: one block must never stop the
 * portal from updating, which a failed parse of the whole page would.
 */
export const richText = z.array(z.unknown()).transform((blocks) =>
  blocks.flatMap((block) => {
    const parsed = richTextBlock.safeParse(block);
    if (parsed.success) return [parsed.data];
    console.warn(
      `rich text: left out a block the portal cannot show: ${JSON.stringify(block).slice(0, 200)}`,
    );
    return [];
  }),
);
export type RichText = z.output<typeof richText>;
export type RichTextListChild = ListChild;

const kommunRef = z.object({
  slug: z.string().min(1),
  name: z.string().min(1),
  municipality: z.enum(MUNICIPALITY_SLUGS),
});

export const story = storySummary.extend({
  body: richText,
  themes: z.array(z.string()).nullable(),
  /** Marked by editors for the home page. */
  featured: z.boolean().nullable(),
  person: z.object({
    name: z.string(),
    age: z.number().nullable().optional(),
    movedFrom: z.string().nullable().optional(),
    occupation: z.string().nullable().optional(),
  }),
  kommun: kommunRef.nullable(),
  images: z.array(media).nullable(),
  publishedAt: z.string(),
  seo,
});
export type Story = z.output<typeof story>;

export function fetchStories(locale: Locale, documentId?: string) {
  return fetchCollection('stories', story, {
    locale,
    fields: STORY_PAGE_QUERY.fields,
    sort: 'publishedAt:desc',
    params: { ...populateParams(STORY_PAGE_QUERY.populate), ...oneDocument(documentId) },
  });
}

const link = z.object({ label: z.string().min(1), url: z.string().min(1) });
const section = z.discriminatedUnion('__component', [
  z.object({
    __component: z.literal('sections.theme-section'),
    id: z.number(),
    heading: z.string(),
    body: richText.nullable(),
    links: z.array(link).nullable(),
  }),
  z.object({
    __component: z.literal('sections.links'),
    id: z.number(),
    heading: z.string(),
    links: z.array(link),
  }),
  z.object({
    __component: z.enum(['sections.ambassadors', 'sections.coworking']),
    id: z.number(),
    heading: z.string(),
    intro: z.string().nullable(),
  }),
]);
export type KommunSection = z.output<typeof section>;

export const kommunPage = z.object({
  documentId: z.string(),
  name: z.string().min(1),
  slug: z.string().min(1),
  municipality: z.enum(MUNICIPALITY_SLUGS),
  intro: z.string().nullable(),
  heroImage: media.nullable(),
  seo,
  sections: z.array(section),
  guide: z
    .object({
      name: z.string(),
      title: z.string().nullable(),
      /** The title on the English page; the Swedish one where it is missing. */
      titleEn: z.string().nullable().optional(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    })
    .nullable(),
});
export type KommunPage = z.output<typeof kommunPage>;

export function fetchKommuner(locale: Locale, documentId?: string) {
  return fetchCollection('kommuner', kommunPage, {
    locale,
    fields: KOMMUN_PAGE_QUERY.fields,
    sort: 'name:asc',
    params: { ...populateParams(KOMMUN_PAGE_QUERY.populate), ...oneDocument(documentId) },
  });
}

export const edition = z.object({
  documentId: z.string().min(1),
  slug: z.string().min(1),
  title: z.string().min(1),
  year: z.number().int(),
  description: z.string().nullable(),
  orderable: z.boolean().nullable(),
  cover: media.nullable(),
  pdf: z.object({ url: z.string() }).nullable(),
});
export type Edition = z.output<typeof edition>;

export function fetchEditions(locale: Locale) {
  return fetchCollection('magazine-editions', edition, {
    locale,
    fields: EDITION_LIST_QUERY.fields,
    sort: 'year:desc',
    params: populateParams(EDITION_LIST_QUERY.populate),
  });
}

/** The CMS address media URLs are relative to, at build time. */
export function mediaUrl(url: string): string {
  return url.startsWith('http') ? url : `${cmsUrl()}${url}`;
}

export const article = z.object({
  documentId: z.string().min(1),
  title: z.string().min(1),
  slug: z.string().min(1),
  lead: z.string(),
  body: richText,
  category: z.string(),
  publishedAt: z.string(),
  kommuner: z.array(kommunRef).nullable(),
  cover: media.nullable(),
  seo,
});
export type Article = z.output<typeof article>;

export function fetchArticles(locale: Locale, documentId?: string) {
  return fetchCollection('articles', article, {
    locale,
    fields: ARTICLE_PAGE_QUERY.fields,
    sort: 'publishedAt:desc',
    params: { ...populateParams(ARTICLE_PAGE_QUERY.populate), ...oneDocument(documentId) },
  });
}

export const event = z.object({
  documentId: z.string().min(1),
  title: z.string().min(1),
  slug: z.string().min(1),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  place: z.string().nullable(),
  signUpUrl: z.string().nullable(),
  /** Sign-ups on the portal (the event page's form), with `capacity` places or unlimited. */
  signUpOpen: z.boolean().nullable(),
  description: richText.nullable(),
  kommun: kommunRef.nullable(),
  seo,
});
export type CmsEvent = z.output<typeof event>;

export function fetchEvents(locale: Locale, documentId?: string) {
  return fetchCollection('events', event, {
    locale,
    fields: EVENT_PAGE_QUERY.fields,
    sort: 'startsAt:asc',
    params: { ...populateParams(EVENT_PAGE_QUERY.populate), ...oneDocument(documentId) },
  });
}

export const ambassador = z.object({
  documentId: z.string().min(1),
  name: z.string().min(1),
  slug: z.string().min(1),
  bio: z.string().nullable(),
  topics: z.array(z.string()).nullable(),
  languages: z.array(z.string()).nullable(),
  kommun: kommunRef.nullable(),
  photo: media.nullable(),
});
export type Ambassador = z.output<typeof ambassador>;

/** Only published ambassadors reach the API, and publishing requires their consent. */
export function fetchAmbassadors(locale: Locale) {
  return fetchCollection('ambassadors', ambassador, {
    locale,
    fields: AMBASSADOR_LIST_QUERY.fields,
    sort: 'name:asc',
    params: populateParams(AMBASSADOR_LIST_QUERY.populate),
  });
}

export const coworkingSpace = z.object({
  documentId: z.string().min(1),
  name: z.string().min(1),
  slug: z.string().min(1),
  latitude: z.coerce.number().nullable(),
  longitude: z.coerce.number().nullable(),
  description: z.string().nullable(),
  amenities: z.array(z.string()).nullable(),
  openingHours: z.string().nullable(),
  website: z.string().nullable(),
  address: z
    .object({ street: z.string().nullable().optional(), city: z.string().nullable().optional() })
    .nullable(),
  kommun: kommunRef.nullable(),
});
export type CoworkingSpace = z.output<typeof coworkingSpace>;

export function fetchCoworkingSpaces(locale: Locale) {
  return fetchCollection('coworking-spaces', coworkingSpace, {
    locale,
    fields: COWORKING_LIST_QUERY.fields,
    sort: 'name:asc',
    params: populateParams(COWORKING_LIST_QUERY.populate),
  });
}

/** The collections whose items have a page of their own, by their section on the portal. */
const ITEM_COLLECTIONS = {
  stories: 'stories',
  news: 'articles',
  events: 'events',
  municipalities: 'kommuner',
} as const;
export type ItemSection = keyof typeof ITEM_COLLECTIONS;
const itemRef = z.object({ documentId: z.string().min(1), slug: z.string().min(1) });

/**
 * The slug of an item's published version in `locale`, or undefined when it has none there (not
 * every item is translated): the pages of a collection in one language, by document.
 */
export async function publishedSlug(section: ItemSection, locale: Locale, documentId: string) {
  const slugs = await fromAnswers(`slugs:${section}:${locale}`, async () => {
    const items = await fetchCollection(ITEM_COLLECTIONS[section], itemRef, { locale, fields: ['slug'] });
    return new Map(items.map((item) => [item.documentId, item.slug]));
  });
  return slugs.get(documentId);
}

/** The published document of a single type in one locale, or null when none is published. */
export async function fetchSingle<T extends z.ZodType>(
  name: string,
  item: T,
  options: { locale: Locale; params?: Record<string, string> },
): Promise<z.output<T> | null> {
  const params = new URLSearchParams({ locale: options.locale, ...options.params });
  const endpoint = `/api/${name}?${params}`;
  const body = await getJson(endpoint, { missing: 'null' });
  if (body === null) return null;
  const parsed = z.object({ data: item }).safeParse(body);
  if (!parsed.success) throw new CmsContractError(endpoint, parsed.error.issues);
  return (parsed.data as { data: z.output<T> }).data;
}

export const accessibilityStatement = z.object({
  title: z.string().min(1),
  intro: z.string().nullable(),
  organisation: z.string().min(1),
  complianceStatus: z.enum(COMPLIANCE_STATUSES.values),
  shortcomings: z.array(
    z.object({
      description: z.string().min(1),
      reason: z.enum(SHORTCOMING_REASONS.values),
      wcagCriteria: z.string().nullable(),
      remedy: z.string().nullable(),
    }),
  ),
  assessmentMethod: z.enum(ASSESSMENT_METHODS.values),
  assessmentDescription: z.string().min(1),
  preparedOn: z.string(),
  reviewedOn: z.string(),
  feedbackEmail: z.string().min(1),
  feedbackPhone: z.string().nullable(),
  feedbackText: z.string().min(1),
  enforcementUrl: z.url(),
  seo,
});
export type CmsAccessibilityStatement = z.output<typeof accessibilityStatement>;

export function fetchAccessibilityStatement(locale: Locale) {
  return fetchSingle('accessibility-statement', accessibilityStatement, {
    locale,
    params: { 'populate[shortcomings]': 'true', ...seoParams },
  });
}
