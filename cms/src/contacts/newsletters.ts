import type { Core } from '@strapi/strapi';
import {
  COUNTY_NEWSLETTER,
  INVITATIONS_NEWSLETTER,
  type ListedNewsletter,
  type Locale,
} from '@tasteget/shared';
import { CAMPAIGN, NEWSLETTER, SUBSCRIPTION } from '../platform/content-types';

/**
 * The newsletters a person subscribes to one by one. The county's newsletter always exists: the
 * migration below creates it, and it is the newsletter of every subscription and campaign that
 * names none (the single list there was before). A newsletter that has subscribers or campaigns
 * cannot be deleted (`guardNewsletterDeletes`), so no subscription ever points nowhere.
 */
export type NewsletterRow = ListedNewsletter & { id: number; documentId: string; listed: boolean };

const FIELDS = ['id', 'documentId', 'slug', 'name', 'nameEn', 'description', 'descriptionEn', 'listed'];

export async function newsletterBySlug(strapi: Core.Strapi, slug: string): Promise<NewsletterRow | null> {
  return (await strapi.db
    .query(NEWSLETTER)
    .findOne({ where: { slug }, select: FIELDS })) as NewsletterRow | null;
}

/** The county's newsletter; made again should it be gone (only a database hand could do that). */
export async function countyNewsletter(strapi: Core.Strapi): Promise<NewsletterRow> {
  const found = await newsletterBySlug(strapi, COUNTY_NEWSLETTER.slug);
  if (found) return found;
  return (await strapi.db.query(NEWSLETTER).create({
    data: { ...COUNTY_NEWSLETTER, listed: true, publishedAt: new Date() },
    select: FIELDS,
  })) as NewsletterRow;
}

/** The newsletters offered to everyone, the county's first and then by name. */
export async function listedNewsletters(strapi: Core.Strapi): Promise<NewsletterRow[]> {
  const rows = (await strapi.db.query(NEWSLETTER).findMany({
    where: { listed: true },
    select: FIELDS,
    orderBy: { name: 'asc' },
  })) as NewsletterRow[];
  return rows.sort(
    (a, b) => Number(b.slug === COUNTY_NEWSLETTER.slug) - Number(a.slug === COUNTY_NEWSLETTER.slug),
  );
}

/** The newsletters with these ids, by id. */
export async function newslettersById(
  strapi: Core.Strapi,
  ids: number[],
): Promise<Map<number, NewsletterRow>> {
  if (ids.length === 0) return new Map();
  const rows = (await strapi.db.query(NEWSLETTER).findMany({
    where: { id: { $in: [...new Set(ids)] } },
    select: FIELDS,
  })) as NewsletterRow[];
  return new Map(rows.map((row) => [row.id, row]));
}

/** A newsletter's name in the reader's language. */
export const newsletterName = (newsletter: Pick<NewsletterRow, 'name' | 'nameEn'>, language: Locale) =>
  language === 'en' && newsletter.nameEn ? newsletter.nameEn : newsletter.name;

/** What the portal shows: no ids, nothing but what a visitor may read. */
export const listedView = (row: NewsletterRow): ListedNewsletter => ({
  slug: row.slug,
  name: row.name,
  nameEn: row.nameEn ?? null,
  description: row.description ?? null,
  descriptionEn: row.descriptionEn ?? null,
});

type JoinTable = {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
  inverseOrderColumnName?: string;
};

/**
 * The migration from one undivided subscription: the county's newsletter is made, and every
 * subscription and campaign without a newsletter becomes the county's. One INSERT … SELECT per
 * type into the relation's link table, so it takes a second at a register's size, not a row at a
 * time (bulk loads that bypass relations, such as the benchmarks' seeds, use it too).
 */
export async function everyoneOnTheCountyNewsletter(strapi: Core.Strapi) {
  const county = await countyNewsletter(strapi);
  const counts = { subscriptionsMoved: 0, campaignsMoved: 0 };
  await strapi.db.transaction(async ({ trx }) => {
    for (const [uid, key] of [
      [SUBSCRIPTION, 'subscriptionsMoved'],
      [CAMPAIGN, 'campaignsMoved'],
    ] as const) {
      const meta = strapi.db.metadata.get(uid);
      const link = (meta.attributes.newsletter as unknown as { joinTable: JoinTable }).joinTable;
      const own = link.joinColumn.name;
      const orders = [link.orderColumnName, link.inverseOrderColumnName].filter((c): c is string => !!c);
      const unlinked = trx(meta.tableName)
        .select('id', trx.raw('?', [county.id]), ...orders.map(() => trx.raw('1')))
        .whereNotExists(
          trx(link.name).select(own).whereRaw('??.?? = ??.??', [link.name, own, meta.tableName, 'id']),
        );
      const before = Number(((await trx(link.name).count({ n: '*' })) as { n: number | string }[])[0].n);
      await trx
        .into(
          trx.raw('?? (??, ??' + orders.map(() => ', ??').join('') + ')', [
            link.name,
            own,
            link.inverseJoinColumn.name,
            ...orders,
          ]),
        )
        .insert(unlinked);
      const after = Number(((await trx(link.name).count({ n: '*' })) as { n: number | string }[])[0].n);
      counts[key] = after - before;
    }
  });
  return counts;
}

export class NewsletterInUseError extends Error {
  constructor(readonly messages: { sv: string; en: string }) {
    super(messages.sv);
    this.name = 'NewsletterInUseError';
  }
}

/**
 * A newsletter with subscribers or campaigns is not deleted (their consent and history would point
 * nowhere), nor is the county's, nor the invitations' (the platform's own lists). Set `listed` off to stop offering one instead.
 */
export function guardNewsletterDeletes(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== NEWSLETTER || context.action !== 'delete') return next();
    const documentId = (context.params as { documentId?: string }).documentId;
    const row = documentId
      ? ((await strapi.db.query(NEWSLETTER).findOne({ where: { documentId }, select: ['id', 'slug'] })) as {
          id: number;
          slug: string;
        } | null)
      : null;
    if (row) {
      const used =
        row.slug === COUNTY_NEWSLETTER.slug ||
        row.slug === INVITATIONS_NEWSLETTER.slug ||
        (await strapi.db.query(SUBSCRIPTION).count({ where: { newsletter: { id: row.id } } })) > 0 ||
        (await strapi.db.query(CAMPAIGN).count({ where: { newsletter: { id: row.id } } })) > 0;
      if (used) {
        throw new NewsletterInUseError({
          sv: 'Nyhetsbrevet har prenumeranter eller utskick och kan inte tas bort. Sluta erbjuda det i stället (fältet ”Erbjuds”).',
          en: 'The newsletter has subscribers or campaigns and cannot be deleted. Stop offering it instead (the "listed" field).',
        });
      }
    }
    return next();
  });
}
