import type { Core, Modules, UID } from '@strapi/strapi';
import { WEB_LINK_PATTERN } from '@tasteget/shared';
import { inStrapisWords } from '../platform/plain-validation';

/**
 * Strapi checks a field's pattern when a document is published, not when its draft is saved, and
 * a draft is shown in the signed preview. A web link (`WEB_LINK_PATTERN`: an event's sign-up, a
 * coworking space's website, a link in a page's sections) is checked at every save, drafts too, so `javascript:` or `//host`
 * never reaches an `href`. Refused in Strapi's own words, which plain-validation.ts words for
 * staff with the field's label.
 */
const LINK = new RegExp(WEB_LINK_PATTERN);

type Attribute = { type?: string; regex?: string; component?: string; repeatable?: boolean };

/** The paths of the links in `data` (a document's, or a component's within it) that are no links. */
function wrongLinks(
  strapi: Core.Strapi,
  uid: string,
  data: Record<string, unknown>,
  at: string[],
): string[][] {
  const model = strapi.getModel(uid as UID.ContentType) as unknown as {
    attributes: Record<string, Attribute>;
  };
  const attributes = model.attributes;
  return Object.entries(attributes).flatMap(([name, attribute]) => {
    const value = data[name];
    if (attribute.regex === WEB_LINK_PATTERN) {
      return typeof value === 'string' && value !== '' && !LINK.test(value) ? [[...at, name]] : [];
    }
    const items = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
    const nested = (item: unknown, index: number) => {
      if (!item || typeof item !== 'object') return [];
      const record = item as Record<string, unknown>;
      const component = attribute.type === 'dynamiczone' ? record.__component : attribute.component;
      if (typeof component !== 'string' || !strapi.components[component as never]) return [];
      const path = Array.isArray(value) ? [...at, name, String(index)] : [...at, name];
      return wrongLinks(strapi, component, record, path);
    };
    return attribute.type === 'component' || attribute.type === 'dynamiczone' ? items.flatMap(nested) : [];
  });
}

export function installWebLinkRule(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if ((context.action !== 'create' && context.action !== 'update') || !context.uid.startsWith('api::')) {
      return next();
    }
    const data = (context.params as { data?: Record<string, unknown> }).data;
    if (!data) return next();
    const wrong = wrongLinks(strapi, context.uid, data, []).map((path) => ({
      path,
      message: `${path.join('.')} must match the following: "${WEB_LINK_PATTERN}"`,
    }));
    if (wrong.length > 0) throw inStrapisWords(wrong);
    return next();
  };
  strapi.documents.use(rule);
}
