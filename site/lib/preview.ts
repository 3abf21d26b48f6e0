import { z } from 'zod';
import type { Locale } from '@tasteget/shared/browser';
import { CmsContractError, article, story, type Article, type Story } from './cms';
import { cmsUrl } from './cms-url';

/**
 * Draft preview (site/pages/forhandsvisning.astro, rendered on demand by the portal server): the
 * link from the admin's preview button carries a signature made by the CMS; this passes it on to the
 * CMS's preview endpoint, which alone can check it, and validates the draft with the same schemas
 * as the build. Nothing is cached: every request reads the draft as it is now.
 */

/** A draft has not been published: its page shows it as published now. */
const unpublished = {
  publishedAt: z
    .string()
    .nullable()
    .transform((v) => v ?? new Date().toISOString()),
};
const draftStory = story.extend(unpublished);
const draftArticle = article.extend(unpublished);

export type Preview =
  | { kind: 'story'; locale: Locale; story: Story }
  | { kind: 'article'; locale: Locale; article: Article }
  | { kind: 'refused'; locale: Locale; status: 403 | 404; messages: { sv: string; en: string } };

const NOT_FOUND = {
  sv: 'Det finns inget utkast att förhandsvisa här.',
  en: 'There is no draft to preview here.',
};
const refusal = z.object({
  error: z.object({ details: z.object({ messages: z.object({ sv: z.string(), en: z.string() }) }) }),
});

export async function fetchPreview(query: URLSearchParams): Promise<Preview> {
  const locale: Locale = query.get('locale') === 'en' ? 'en' : 'sv';
  const type = query.get('type');
  const id = query.get('id') ?? '';
  if ((type !== 'story' && type !== 'article') || !/^[a-z0-9]{1,64}$/i.test(id)) {
    return { kind: 'refused', locale, status: 404, messages: NOT_FOUND };
  }
  const params = new URLSearchParams({
    locale,
    expires: query.get('expires') ?? '',
    signature: query.get('signature') ?? '',
  });
  const endpoint = `/api/preview/${type}/${id}`;
  const res = await fetch(`${cmsUrl()}${endpoint}?${params}`, { headers: { Accept: 'application/json' } });
  if (res.status === 403) {
    const parsed = refusal.safeParse(await res.json().catch(() => null));
    const messages = parsed.success ? parsed.data.error.details.messages : NOT_FOUND;
    return { kind: 'refused', locale, status: 403, messages };
  }
  if (res.status === 404) return { kind: 'refused', locale, status: 404, messages: NOT_FOUND };
  if (!res.ok) throw new Error(`The CMS answered ${endpoint} with HTTP ${res.status}`);
  const body: unknown = await res.json();
  if (type === 'story') {
    const parsed = z.object({ data: draftStory }).safeParse(body);
    if (!parsed.success) throw new CmsContractError(endpoint, parsed.error.issues);
    return { kind: 'story', locale, story: parsed.data.data };
  }
  const parsed = z.object({ data: draftArticle }).safeParse(body);
  if (!parsed.success) throw new CmsContractError(endpoint, parsed.error.issues);
  return { kind: 'article', locale, article: parsed.data.data };
}
