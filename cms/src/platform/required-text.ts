import type { Core, Modules } from '@strapi/strapi';
import { inStrapisWords } from './plain-validation';

/**
 * Strapi's `required` holds a text field to being present, not to saying anything: an update may
 * save it as "" or spaces (a contact with no first name, which the card then logs as a change). A
 * required text field given blank is refused as Strapi refuses a missing one, in its words
 * ("cannot be empty"), which plain-validation.ts words for staff with the field's label.
 */
const TEXT_TYPES = new Set(['string', 'text', 'email', 'richtext', 'uid']);

export function installRequiredTextRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if ((context.action !== 'create' && context.action !== 'update') || !context.uid.startsWith('api::')) {
      return next();
    }
    const data = (context.params as { data?: Record<string, unknown> }).data;
    if (!data) return next();
    const attributes = strapi.getModel(context.uid).attributes as Record<
      string,
      { type?: string; required?: boolean }
    >;
    const blank = Object.entries(attributes)
      .filter(([, attribute]) => attribute.required && TEXT_TYPES.has(attribute.type ?? ''))
      .map(([name]) => name)
      .filter((name) => typeof data[name] === 'string' && (data[name] as string).trim() === '');
    if (blank.length > 0) {
      throw inStrapisWords(blank.map((name) => ({ path: [name], message: `${name} cannot be empty` })));
    }
    return next();
  };
  strapi.documents.use(rule);
}
