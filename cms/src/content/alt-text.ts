import type { Core, Modules, UID } from '@strapi/strapi';
import { refuse } from '../platform/admin-errors';

/**
 * A picture reaches the portal with words for whoever cannot see it (WCAG 1.1.1; the law on
 * accessible public digital services asks it of the region and the municipalities). The Media
 * Library lets a file be saved without alt text, and the portal then marks it as decoration, so
 * publishing a page whose own pictures (a cover, a portrait, a page's images) lack alt text is
 * refused, naming each picture and its field. Pictures inside rich text carry their alt text in
 * the block and are the editor's to write there.
 */
type MediaAttribute = { type: 'media'; allowedTypes?: string[] };
type File = { name?: string; mime?: string | null; alternativeText?: string | null };

function pictureFields(strapi: Core.Strapi, uid: string): string[] {
  if (!uid.startsWith('api::')) return [];
  const attributes = strapi.getModel(uid as UID.ContentType).attributes as Record<string, { type?: string }>;
  return Object.entries(attributes)
    .filter(
      ([, a]) => a.type === 'media' && ((a as MediaAttribute).allowedTypes ?? ['images']).includes('images'),
    )
    .map(([name]) => name);
}

export function installAltTextRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.action !== 'publish') return next();
    const fields = pictureFields(strapi, context.uid);
    const { documentId, locale } = context.params as { documentId?: string; locale?: unknown };
    if (fields.length === 0 || !documentId) return next();
    const drafts = (await strapi.db.query(context.uid as UID.ContentType).findMany({
      where: {
        documentId,
        publishedAt: null,
        ...(typeof locale === 'string' && locale !== '*' ? { locale } : {}),
      },
      populate: Object.fromEntries(fields.map((f) => [f, { select: ['name', 'mime', 'alternativeText'] }])),
    })) as Record<string, unknown>[];
    const missing: { field: string; name: string }[] = [];
    for (const draft of drafts) {
      for (const field of fields) {
        const value = draft[field] as File | File[] | null | undefined;
        for (const file of value == null ? [] : Array.isArray(value) ? value : [value]) {
          if (file.mime?.startsWith('image/') && !file.alternativeText?.trim()) {
            if (!missing.some((m) => m.field === field && m.name === file.name))
              missing.push({ field, name: file.name ?? '' });
          }
        }
      }
    }
    if (missing.length === 0) return next();
    const names = missing.map((m) => `”${m.name}”`).join(', ');
    const messages = {
      sv: `${missing.length === 1 ? 'Bilden' : 'Bilderna'} ${names} saknar alternativtext. Skriv i mediebiblioteket vad bilden visar (fältet Alternativtext), så att den som inte ser den får veta det, och publicera sedan.`,
      en: `The ${missing.length === 1 ? 'picture' : 'pictures'} ${names} ${missing.length === 1 ? 'has' : 'have'} no alternative text. Write what the picture shows in the Media Library (the field Alternative text), for whoever cannot see it, then publish.`,
    };
    throw refuse.invalid(messages, {
      errors: missing.map((m) => ({
        path: [m.field],
        message: `${messages.sv} / ${messages.en}`,
        name: 'ValidationError',
      })),
    });
  };
  strapi.documents.use(rule);
}
