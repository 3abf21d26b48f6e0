import type { Core, Modules, UID } from '@strapi/strapi';
import { MUNICIPALITIES } from '@tasteget/shared';
import { refuse } from '../platform/admin-errors';
import { municipalityRelation } from '../platform/access-scopes';
import { contentManagerRequest } from '../platform/request-user';
import { writableMunicipalities } from './municipality-picker';

/**
 * Content tagged with several municipalities (an article about the county's health care, tagged
 * with all eight) is each of theirs to edit, as the roles table says, but not one editor's to
 * take from the others. So a municipal editor's save keeps the other municipalities' tags as they
 * were (none added, none removed), and a municipal editor may not unpublish or delete content
 * that other municipalities are tagged in too. The county editor and the coordinator may. The
 * queue-and-municipality guard (`../platform/access-scopes.ts`) still decides whether the content
 * is the editor's at all.
 */
const TAGS_KEPT = {
  sv: 'Det här är märkt även med andra kommuner, och deras märkningar kan du inte ändra. Behåll dem, eller be länsredaktören.',
  en: 'This is tagged with other municipalities too, and you cannot change their tags. Keep them, or ask the county editor.',
};
const SHARED = {
  sv: 'Det här hör också till andra kommuner, så du kan inte avpublicera eller ta bort det. Be länsredaktören om det ska bort.',
  en: 'This belongs to other municipalities too, so you cannot unpublish or delete it. Ask the county editor if it should go.',
};

type Params = { documentId?: string; locale?: string };

export function installSharedContentRule(strapi: Core.Strapi) {
  /** The tags of a document's rows: its draft's alone (`draft`), where a save writes, or all. */
  const tagsOf = async (uid: UID.ContentType, relation: string, documentId: string, draft = false) => {
    const drafts = draft && strapi.getModel(uid).options?.draftAndPublish === true;
    const rows = (await strapi.db.query(uid).findMany({
      where: { documentId, ...(drafts ? { publishedAt: null } : {}) },
      populate: { [relation]: { select: ['municipality'] } },
    })) as Record<string, { municipality: string }[] | null>[];
    return new Set(rows.flatMap((row) => (row[relation] ?? []).map((k) => k.municipality)));
  };
  const others = (tags: Set<string>, own: string[]) =>
    [...tags]
      .filter((m) => !own.includes(m))
      .sort()
      .join(',');

  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    const relation = municipalityRelation(context.uid);
    if (!relation || !['create', 'update', 'delete', 'unpublish'].includes(context.action)) return next();
    const attribute = strapi.getModel(context.uid).attributes[relation] as { relation?: string };
    if (!attribute?.relation?.endsWith('ToMany')) return next();
    const request = contentManagerRequest(strapi);
    if (!request) return next();
    const params = context.params as Params;
    const own = writableMunicipalities(strapi, request.userAbility, context.uid, relation, params.locale);
    if (own.length === MUNICIPALITIES.length) return next();
    const uid = context.uid;

    if (context.action === 'delete' || context.action === 'unpublish') {
      if (params.documentId && others(await tagsOf(uid, relation, params.documentId), own) !== '') {
        throw refuse.forbidden(SHARED);
      }
      return next();
    }
    const before = params.documentId ? others(await tagsOf(uid, relation, params.documentId, true), own) : '';
    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = (result as { documentId?: string } | null)?.documentId;
      if (documentId && others(await tagsOf(uid, relation, documentId, true), own) !== before) {
        throw refuse.forbidden(TAGS_KEPT);
      }
      return result;
    });
  };
  strapi.documents.use(rule);
}
