import type { Core, Modules } from '@strapi/strapi';
import { inStrapisWords } from './plain-validation';

/**
 * A rich-text (blocks) field holds a list of blocks. Strapi checks that only when a document is
 * published: a draft's save given anything else (a plain string, from a client other than the
 * admin's editor) answered 200 and stored the field empty, so the text was lost while the save
 * said it succeeded. Such a save is refused in Strapi's words ("must be a `array` type"), which
 * plain-validation.ts words for staff with the field's label.
 */
export function installBlocksShapeRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if ((context.action !== 'create' && context.action !== 'update') || !context.uid.startsWith('api::')) {
      return next();
    }
    const data = (context.params as { data?: Record<string, unknown> }).data;
    if (!data) return next();
    const attributes = strapi.getModel(context.uid).attributes as Record<string, { type?: string }>;
    const wrong = Object.entries(attributes)
      .filter(([name, attribute]) => attribute.type === 'blocks' && name in data)
      .map(([name]) => name)
      .filter((name) => data[name] !== null && !Array.isArray(data[name]));
    if (wrong.length > 0) {
      throw inStrapisWords(
        wrong.map((name) => ({ path: [name], message: `${name} must be a \`array\` type` })),
      );
    }
    return next();
  };
  strapi.documents.use(rule);
}
