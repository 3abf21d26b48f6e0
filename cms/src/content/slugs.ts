import type { Core, Modules, UID } from '@strapi/strapi';

/**
 * A page's address (its UID field, `slug`) in Swedish spelling, and never a placeholder.
 * - Strapi's slugify spells å, ä and ö the German way ("nätverk för" became naetverk-foer); a
 *   Swedish address drops the dots (natverk-for), as the seeded pages' do.
 * - Strapi 5's admin proposes the address of a new document or language version before its title
 *   is written, from the type's name ("story"), and does not follow the title after. Saved so, an
 *   English story went live at /en/stories/story/. A new document or language version saved with
 *   that placeholder gets its address from its title, as the admin's "Regenerate" would give it,
 *   and so does a draft saved before its title was written, once it has one.
 * An address the editor wrote, or one a page was published with, is never changed.
 */
const SWEDISH_LETTERS: [string, string][] = [
  ['å', 'a'],
  ['ä', 'a'],
  ['ö', 'o'],
  ['Å', 'A'],
  ['Ä', 'A'],
  ['Ö', 'O'],
];

type UidAttribute = { type: 'uid'; targetField?: string; options?: Record<string, unknown> };

function uidFields(strapi: Core.Strapi, uid: string): [string, UidAttribute][] {
  if (!uid.startsWith('api::')) return [];
  const attributes = strapi.getModel(uid as UID.ContentType).attributes as Record<string, { type?: string }>;
  return Object.entries(attributes).filter(([, a]) => a.type === 'uid') as [string, UidAttribute][];
}

export function installSwedishSlugs(strapi: Core.Strapi) {
  // The admin's proposals and Strapi's own generation read the attribute's slugify options.
  for (const uid of Object.keys(strapi.contentTypes)) {
    for (const [, attribute] of uidFields(strapi, uid)) {
      attribute.options = { ...attribute.options, customReplacements: SWEDISH_LETTERS };
    }
  }

  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.action !== 'create' && context.action !== 'update') return next();
    const fields = uidFields(strapi, context.uid);
    const params = context.params as { documentId?: string; locale?: string; data?: Record<string, unknown> };
    const data = params.data;
    if (fields.length === 0 || !data) return next();
    const uid = context.uid as UID.ContentType;
    const modelName = (strapi.getModel(uid) as { modelName: string }).modelName;
    const placeholder = new RegExp(`^${modelName.replace(/[^a-z0-9]/gi, '\\$&')}(-\\d+)?$`);
    const placeholders = fields.filter(
      ([name, attribute]) =>
        typeof data[name] === 'string' &&
        placeholder.test(data[name] as string) &&
        attribute.targetField &&
        typeof data[attribute.targetField] === 'string' &&
        (data[attribute.targetField] as string).trim() !== '',
    );
    if (placeholders.length === 0) return next();
    // Only a document or language version that was never published: a published page's address
    // may be linked to. (A draft saved before its title was written still has the placeholder.)
    if (context.action === 'update' && params.documentId) {
      const where = { documentId: params.documentId, ...(params.locale ? { locale: params.locale } : {}) };
      const draftAndPublish = strapi.getModel(uid).options?.draftAndPublish === true;
      const live = draftAndPublish
        ? await strapi.db
            .query(uid)
            .findOne({ where: { ...where, publishedAt: { $notNull: true } }, select: ['id'] })
        : await strapi.db.query(uid).findOne({ where, select: ['id'] });
      if (live) return next();
    }
    const generator = strapi.plugin('content-manager').service('uid') as {
      generateUIDField(args: {
        contentTypeUID: string;
        field: string;
        data: Record<string, unknown>;
        locale?: string;
      }): Promise<string>;
    };
    for (const [name] of placeholders) {
      data[name] = await generator.generateUIDField({
        contentTypeUID: uid,
        field: name,
        data,
        locale: params.locale,
      });
    }
    return next();
  };
  strapi.documents.use(rule);
}
