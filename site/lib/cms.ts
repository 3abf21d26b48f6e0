import { z } from 'zod';
import type { Locale } from '@tasteget/shared';
import { getJson } from './cms-transport';

/**
 * Reads published content from the CMS REST API at build time. Every response is validated: a CMS
 * change that breaks the contract fails the build with a message naming the endpoint and field,
 * instead of rendering garbage.
 */
const PAGE_SIZE = 100;

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

/** All published entries of a collection in one locale, page by page. */
export async function fetchCollection<T extends z.ZodType>(
  collection: string,
  item: T,
  options: { locale: Locale; fields: string[]; sort?: string },
): Promise<z.output<T>[]> {
  const response = z.object({ data: z.array(item), meta: z.object({ pagination }) });
  const entries: z.output<T>[] = [];
  for (let page = 1; ; page++) {
    const params = new URLSearchParams({
      locale: options.locale,
      'pagination[page]': String(page),
      'pagination[pageSize]': String(PAGE_SIZE),
      ...(options.sort ? { sort: options.sort } : {}),
    });
    options.fields.forEach((field, i) => params.set(`fields[${i}]`, field));
    const endpoint = `/api/${collection}?${params}`;
    const parsed = response.safeParse(await getJson(endpoint));
    if (!parsed.success) throw new CmsContractError(endpoint, parsed.error.issues);
    entries.push(...parsed.data.data);
    if (page >= parsed.data.meta.pagination.pageCount) return entries;
  }
}

export const storySummary = z.object({
  documentId: z.string().min(1),
  title: z.string().min(1),
  slug: z.string().min(1),
  lead: z.string(),
});
export type StorySummary = z.output<typeof storySummary>;

export function fetchStorySummaries(locale: Locale) {
  return fetchCollection('stories', storySummary, {
    locale,
    fields: ['title', 'slug', 'lead'],
    sort: 'title:asc',
  });
}
