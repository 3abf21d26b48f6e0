import { z } from 'zod';
import type { Locale, PreviewType } from '@tasteget/shared/browser';
import {
  CmsContractError,
  ambassador,
  article,
  coworkingSpace,
  edition,
  event,
  kommunPage,
  story,
  type Ambassador,
  type Article,
  type CmsEvent,
  type CoworkingSpace,
  type Edition,
  type KommunPage,
  type Story,
} from './cms';
import { forgetAnswers } from './cms-transport';
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
/** Each type a draft can be previewed of, with the build's own schema for its page. */
const DRAFTS = {
  story: story.extend(unpublished),
  article: article.extend(unpublished),
  event,
  kommun: kommunPage,
  edition,
  ambassador,
  coworking: coworkingSpace,
} as const satisfies Record<PreviewType, z.ZodType>;
type DraftType = keyof typeof DRAFTS;
const isDraftType = (value: string | null): value is DraftType =>
  value !== null && Object.hasOwn(DRAFTS, value);

export type Preview =
  | { kind: 'story'; locale: Locale; story: Story }
  | { kind: 'article'; locale: Locale; article: Article }
  | { kind: 'event'; locale: Locale; event: CmsEvent }
  | { kind: 'kommun'; locale: Locale; kommun: KommunPage }
  | { kind: 'edition'; locale: Locale; edition: Edition }
  | { kind: 'ambassador'; locale: Locale; ambassador: Ambassador }
  | { kind: 'coworking'; locale: Locale; coworking: CoworkingSpace }
  | { kind: 'refused'; locale: Locale; status: 403 | 404; messages: { sv: string; en: string } };

const NOT_FOUND = {
  sv: 'Det finns inget utkast att förhandsvisa här.',
  en: 'There is no draft to preview here.',
};
const refusal = z.object({
  error: z.object({ details: z.object({ messages: z.object({ sv: z.string(), en: z.string() }) }) }),
});

export async function fetchPreview(query: URLSearchParams): Promise<Preview> {
  // A municipality's page also lists its stories, events and people: as they are now, too.
  forgetAnswers();
  const locale: Locale = query.get('locale') === 'en' ? 'en' : 'sv';
  const type = query.get('type');
  const id = query.get('id') ?? '';
  if (!isDraftType(type) || !/^[a-z0-9]{1,64}$/i.test(id)) {
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
  const parsed = z.object({ data: DRAFTS[type] }).safeParse(await res.json());
  if (!parsed.success) throw new CmsContractError(endpoint, parsed.error.issues);
  const data = parsed.data.data;
  switch (type) {
    case 'story':
      return { kind: 'story', locale, story: data as Story };
    case 'article':
      return { kind: 'article', locale, article: data as Article };
    case 'event':
      return { kind: 'event', locale, event: data as CmsEvent };
    case 'kommun':
      return { kind: 'kommun', locale, kommun: data as KommunPage };
    case 'edition':
      return { kind: 'edition', locale, edition: data as Edition };
    case 'ambassador':
      return { kind: 'ambassador', locale, ambassador: data as Ambassador };
    case 'coworking':
      return { kind: 'coworking', locale, coworking: data as CoworkingSpace };
  }
}

/** A list page with a draft entry previewed: the draft first, in place of its published version. */
export function withDraft<T extends { documentId: string }>(list: T[], draft: T | undefined): T[] {
  return draft ? [draft, ...list.filter((entry) => entry.documentId !== draft.documentId)] : list;
}
