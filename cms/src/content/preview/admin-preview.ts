import type { Core, UID } from '@strapi/strapi';
import { environment } from '../../platform/environment';
import { PREVIEW_PAGE, publicPath } from './draft-documents';
import { PREVIEW_TYPES, signPreview, type PreviewLocale, type PreviewType } from './preview-link';

/**
 * Strapi's preview button (config/admin.ts `preview.config.handler`): the address the admin shows
 * for a document. The draft opens the portal's preview page with a freshly signed, expiring link;
 * the published version is the public page itself, or its place on its list page. Types that are
 * not on the portal have no preview.
 */
const TYPE_OF_UID = new Map<string, PreviewType>(
  Object.entries(PREVIEW_TYPES).map(([type, uid]) => [uid, type as PreviewType]),
);

export async function previewUrl(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  params: { documentId?: string; locale?: string | null; status?: string },
): Promise<string | null> {
  const type = TYPE_OF_UID.get(uid);
  if (!type || !params.documentId) return null;
  const locale: PreviewLocale = params.locale === 'en' ? 'en' : 'sv';
  const site = environment().SITE_URL.replace(/\/$/, '');

  if (params.status === 'published') {
    const published = (await strapi.documents(uid).findOne({
      documentId: params.documentId,
      locale,
      status: 'published',
      fields: ['slug'],
    } as never)) as { slug?: string } | null;
    return published?.slug ? `${site}${publicPath(type, locale, published.slug)}` : null;
  }

  const target = { type, documentId: params.documentId, locale };
  const { expires, signature } = signPreview(target);
  const query = new URLSearchParams({
    type,
    id: target.documentId,
    locale,
    expires: String(expires),
    signature,
  });
  return `${site}${PREVIEW_PAGE}?${query}`;
}
