import { z } from 'zod';
import type { Locale } from '@tasteget/shared/browser';
import { fetchCollection } from './cms';

/**
 * What the form pages need at build time: the CMS address the visitor's browser posts to (it may
 * differ from the one the build reads, e.g. behind a proxy) and the magazine editions on offer.
 */
export function publicCmsUrl(): string {
  return (process.env.PUBLIC_CMS_URL ?? process.env.CMS_URL ?? 'http://127.0.0.1:1337').replace(/\/$/, '');
}

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
