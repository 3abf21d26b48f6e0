import type { Core, Modules } from '@strapi/strapi';
import { MUNICIPALITIES } from '@tasteget/shared';
import { refuse } from '../platform/admin-errors';
import { KOMMUN } from '../platform/content-types';
import { contentManagerRequest } from '../platform/request-user';

/**
 * Each municipality has one page (its versions in Swedish and English are one document): the
 * portal lists the pages as the county's eight municipalities, and a municipal editor's rights
 * follow the page of their municipality. A create, or a save that would give a page another
 * page's municipality, is refused with the field named; the existing page is edited instead.
 *
 * Taking a page off the portal (unpublishing) is the county editor's: Strapi's publish right, which
 * a municipal editor needs to publish their page's changes, covers unpublishing too, and a
 * municipality without its page would leave every link to it (the map, stories, events) dead.
 */
const UNPUBLISH_REFUSED = {
  sv: 'Kommunsidan kan bara tas bort från portalen av länsredaktören: länkar till kommunen skulle annars leda till en sida som inte finns. Ändra och publicera sidan i stället.',
  en: 'Only the county editor can take the municipality page off the portal: links to the municipality would otherwise lead nowhere. Edit and publish the page instead.',
};
export function installOnePagePerMunicipality(strapi: Core.Strapi) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== KOMMUN || (context.action !== 'create' && context.action !== 'update')) return next();
    const params = context.params as { documentId?: string; data?: { municipality?: unknown } };
    const municipality = params.data?.municipality;
    if (typeof municipality !== 'string') return next();
    const other = await strapi.db.query(KOMMUN).findOne({
      where: {
        municipality,
        ...(params.documentId ? { documentId: { $ne: params.documentId } } : {}),
      },
      select: ['id'],
    });
    if (other) {
      const name = MUNICIPALITIES.find((m) => m.slug === municipality)?.name ?? municipality;
      const messages = {
        sv: `${name} har redan en kommunsida. Redigera den i stället för att skapa en till.`,
        en: `${name} already has a municipality page. Edit it instead of making another.`,
      };
      throw refuse.onField('municipality', messages);
    }
    return next();
  };
  strapi.documents.use(rule);

  const unpublishByCountyOnly: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== KOMMUN || context.action !== 'unpublish') return next();
    const request = contentManagerRequest(strapi);
    const roles = (request?.user as { roles?: { code?: string }[] } | undefined)?.roles ?? [];
    if (request && roles.every((role) => role.code?.startsWith('tasteget-editor-'))) {
      throw refuse.forbidden(UNPUBLISH_REFUSED);
    }
    return next();
  };
  strapi.documents.use(unpublishByCountyOnly);
}
