import type { Core, Modules, UID } from '@strapi/strapi';

/**
 * What a document's language versions share, where Strapi 5 does not keep it shared.
 *
 * A relation our schemas mark `i18n.localized: false` (a story's municipality) is one fact about
 * the document, in whichever language it is read. Strapi 5 keeps every relation per language
 * version and ignores that mark, so an English version made in the admin started with no
 * municipality: the municipal editor's save was refused as outside their municipality, and the
 * county editor's English page had none. Here:
 * - a new language version given nothing for such a relation takes the one the document has;
 * - a value saved on one version is written to the document's other drafts, and a version's
 *   publication to the other published versions, each pointing at the target's version in its
 *   own language when the target has one.
 *
 * A shared component (a coworking space's address, a municipality's guide) is kept equal by
 * Strapi's i18n plugin, which copies it from the version saved to the others. But the admin's
 * form for a new language version shows it empty, so saving that version emptied the Swedish
 * one's. A new language version given a blank shared component takes the document's.
 */
type RelationEntry = { id: number; documentId: string; locale?: string | null };
type Entry = { id: number; documentId: string; locale: string | null } & Record<string, unknown>;

type Shared = { relations: string[]; components: string[] };
const cache = new Map<string, Shared>();
function sharedFields(strapi: Core.Strapi, uid: string): Shared {
  let shared = cache.get(uid);
  if (!shared) {
    const model = strapi.getModel(uid as UID.ContentType) as {
      pluginOptions?: { i18n?: { localized?: boolean } };
      attributes: Record<
        string,
        { type?: string; repeatable?: boolean; pluginOptions?: { i18n?: { localized?: boolean } } }
      >;
    };
    const names = (type: string) =>
      model.pluginOptions?.i18n?.localized
        ? Object.entries(model.attributes)
            .filter(([, a]) => a.type === type && !a.repeatable && a.pluginOptions?.i18n?.localized === false)
            .map(([name]) => name)
        : [];
    shared = { relations: names('relation'), components: names('component') };
    cache.set(uid, shared);
  }
  return shared;
}
const sharedRelations = (strapi: Core.Strapi, uid: string) => sharedFields(strapi, uid).relations;

/** A component the form left empty: missing, null, or with nothing in any field. */
function blank(value: unknown): boolean {
  if (value == null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([key, field]) => key === 'id' || key === '__temp_key__' || field == null || field === '',
  );
}

/** A stored component as data for another entry: its own fields, without the row's id. */
const componentData = (value: unknown) =>
  value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'id'))
    : value;

/** Whether a write says anything about a relation: the admin sends `{connect: [], disconnect: []}` for "nothing". */
function says(value: unknown): boolean {
  if (value === undefined) return false;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { connect, disconnect, set } = value as Record<string, unknown>;
    if (set !== undefined) return true;
    if (connect !== undefined || disconnect !== undefined) {
      return [connect, disconnect].some((op) => (Array.isArray(op) ? op.length > 0 : op != null));
    }
  }
  return true;
}

const asList = (value: unknown): RelationEntry[] =>
  value == null ? [] : Array.isArray(value) ? (value as RelationEntry[]) : [value as RelationEntry];

export function installSharedFields(strapi: Core.Strapi) {
  const draftOrPublished = (published: boolean) => (published ? { $notNull: true } : { $null: true });

  /** The target's entry in `locale` (and the status), or the given one when it has none. */
  async function inLocale(target: string, entry: RelationEntry, locale: string, published: boolean) {
    const model = strapi.getModel(target as UID.ContentType) as {
      pluginOptions?: { i18n?: { localized?: boolean } };
    };
    if (!model.pluginOptions?.i18n?.localized || entry.locale === locale) return entry.id;
    const own = (await strapi.db.query(target as UID.ContentType).findOne({
      where: { documentId: entry.documentId, locale, publishedAt: draftOrPublished(published) },
      select: ['id'],
    })) as { id: number } | null;
    return own?.id ?? entry.id;
  }

  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.action === 'publish') return onPublish(context, next);
    if (context.action !== 'update' && context.action !== 'create') return next();
    const { relations, components } = sharedFields(strapi, context.uid);
    if (relations.length === 0 && components.length === 0) return next();
    const uid = context.uid as UID.ContentType;
    const params = context.params as {
      documentId?: string;
      locale?: string;
      status?: string;
      data?: Record<string, unknown>;
    };
    const data = params.data ?? {};
    const published = params.status === 'published';
    const attributes = strapi.getModel(uid).attributes as Record<string, { target?: string }>;

    // A new language version of an existing document: fill what it was not given.
    if (params.documentId && params.locale) {
      const missing = relations.filter((name) => !says(data[name]));
      const empty = components.filter((name) => blank(data[name]));
      if (missing.length > 0 || empty.length > 0) {
        const versions = (await strapi.db.query(uid).findMany({
          where: { documentId: params.documentId, publishedAt: draftOrPublished(published) },
          populate: {
            ...Object.fromEntries(missing.map((name) => [name, { select: ['id', 'documentId', 'locale'] }])),
            ...Object.fromEntries(empty.map((name) => [name, true])),
          },
        })) as Entry[];
        const source = versions[0];
        if (source && !versions.some((v) => v.locale === params.locale)) {
          for (const name of missing) {
            const targets = asList(source[name]);
            if (targets.length === 0) continue;
            const ids = [];
            for (const t of targets)
              ids.push(await inLocale(attributes[name].target!, t, params.locale, published));
            data[name] = { set: ids.map((id) => ({ id })) };
          }
          for (const name of empty) {
            if (source[name] != null) data[name] = componentData(source[name]);
          }
          params.data = data;
        }
      }
    }

    const changed = relations.filter((name) => says(data[name]));
    if (changed.length === 0) return next();
    return strapi.db.transaction(async () => {
      const result = await next();
      const saved = result as { documentId?: string; locale?: string } | null;
      if (saved?.documentId && saved.locale) {
        await follow(uid, { documentId: saved.documentId, locale: saved.locale }, changed, published);
      }
      return result;
    });
  };

  /**
   * Published in one language: the document's other published versions follow, so the portal
   * shows the story under its new municipality in every language at once (and a municipal
   * editor's rights, which Strapi checks against the published version on unpublish, follow too).
   */
  const onPublish: Modules.Documents.Middleware.Middleware = async (context, next) => {
    const relations = sharedRelations(strapi, context.uid);
    const { documentId, locale } = context.params as { documentId?: string; locale?: unknown };
    const published = typeof locale === 'string' && locale !== '*' ? locale : null;
    if (relations.length === 0 || !documentId || !published) return next();
    return strapi.db.transaction(async () => {
      const result = await next();
      await follow(context.uid as UID.ContentType, { documentId, locale: published }, relations, true);
      return result;
    });
  };

  /** Saved on one version: the document's other versions of the same status follow. */
  async function follow(
    uid: UID.ContentType,
    saved: { documentId: string; locale: string },
    changed: string[],
    published: boolean,
  ) {
    const attributes = strapi.getModel(uid).attributes as Record<string, { target?: string }>;
    const versions = (await strapi.db.query(uid).findMany({
      where: { documentId: saved.documentId, publishedAt: draftOrPublished(published) },
      populate: Object.fromEntries(changed.map((name) => [name, { select: ['id', 'documentId', 'locale'] }])),
    })) as Entry[];
    const written = versions.find((v) => v.locale === saved.locale);
    if (!written) return;
    for (const other of versions.filter((v) => v !== written)) {
      const update: Record<string, number | number[] | null> = {};
      for (const name of changed) {
        const ids: number[] = [];
        for (const t of asList(written[name])) {
          ids.push(await inLocale(attributes[name].target!, t, other.locale ?? '', published));
        }
        const current = asList(other[name]).map((t) => t.id);
        if (ids.length === current.length && ids.every((id) => current.includes(id))) continue;
        update[name] = Array.isArray(written[name]) ? ids : (ids[0] ?? null);
      }
      if (Object.keys(update).length > 0)
        await strapi.db.query(uid).update({ where: { id: other.id }, data: update });
    }
  }
  strapi.documents.use(rule);
}
