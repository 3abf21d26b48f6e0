import { z } from 'zod';
import { listedNewslettersResponse, type Locale } from '@tasteget/shared/browser';
import { CmsContractError, fetchCollection } from './cms';
import { getJson } from './cms-transport';

/** The magazine editions the order forms offer, read at build time. */
const edition = z.object({
  slug: z.string().min(1),
  title: z.string().min(1),
  year: z.number().int(),
  orderable: z.boolean().nullable(),
});

export async function fetchOrderableEditions(locale: Locale) {
  const editions = await fetchCollection('magazine-editions', edition, {
    locale,
    fields: ['slug', 'title', 'year', 'orderable'],
    sort: 'year:desc',
  });
  return editions.filter((e) => e.orderable !== false).map(({ slug, title }) => ({ slug, title }));
}

/** The newsletters the subscribe form offers (the county's first), read at build time. */
export async function fetchListedNewsletters() {
  const endpoint = '/api/newsletter/lists';
  const parsed = listedNewslettersResponse.safeParse(await getJson(endpoint));
  if (!parsed.success) throw new CmsContractError(endpoint, parsed.error.issues);
  return parsed.data.data;
}
