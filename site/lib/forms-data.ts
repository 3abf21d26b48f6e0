import { z } from 'zod';
import type { Locale } from '@tasteget/shared/browser';
import { fetchCollection } from './cms';

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
