import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { INVITATIONS_NEWSLETTER, type CampaignAudience } from '@tasteget/shared';
import { countyNewsletter, newsletterBySlug, type NewsletterRow } from '../contacts/newsletters';
import { NEWSLETTER, SUBSCRIPTION } from '../platform/content-types';
import { claimJobRun } from '../platform/job-runs';

/**
 * Invitations to contacts are not a newsletter. A campaign to the contacts audience that names no
 * newsletter reaches its recipients on their consent to be contacted, and its unsubscribe link
 * ends just that: invitations. It does so through a list of its own, "Ta Stegets inbjudningar"
 * (unlisted: nobody subscribes to it, the portal never offers it), on which an invited contact's
 * unsubscribe carrier lives (`ensureUnsubscribeToken`). Leaving it, the unsubscribe page says
 * "sluta få Ta Stegets inbjudningar" and the person is left out of later invitations; their
 * newsletters go on, and leaving a newsletter does not end their invitations. (Before, invitations
 * rode on the county newsletter: leaving one invitation looked like leaving that newsletter, and
 * leaving the newsletter ended every invitation.)
 */

const MIGRATION = '2026-12-05 invitations apart from the county newsletter';

/** The newsletter a campaign reaches: the one it names; else invitations for contacts, the county's for others. */
export async function audienceNewsletterId(
  strapi: Core.Strapi,
  audience: CampaignAudience,
  named: { id: number } | null | undefined,
): Promise<number> {
  return named ? named.id : (await unnamedAudienceNewsletter(strapi, audience)).id;
}

/** What a campaign naming no newsletter reaches: invitations for contacts, the county's newsletter for the others. */
export async function unnamedAudienceNewsletter(
  strapi: Core.Strapi,
  audience: CampaignAudience,
): Promise<NewsletterRow> {
  return audience === 'contacts' ? invitationsNewsletter(strapi) : countyNewsletter(strapi);
}

/**
 * The invitations list, made when first needed. Made once (a job run claimed in the transaction
 * that makes it), together with the one-time move of the unsubscribe carriers that invitations
 * left on the county newsletter before: rows linked to a contact that no one subscribed with
 * (pending or ended, no opt-in mail sent, no consent given, never confirmed). A contact who left an invitation so stays out of
 * invitations, and none of it is a county newsletter subscription any more.
 */
export async function invitationsNewsletter(strapi: Core.Strapi): Promise<NewsletterRow> {
  const found = await newsletterBySlug(strapi, INVITATIONS_NEWSLETTER.slug);
  if (found) return found;
  await strapi.db.transaction(async ({ trx }) => {
    if (!(await claimJobRun(trx, 'migration', MIGRATION))) return;
    const list = await createList(strapi);
    const moved = await moveCarriers(strapi, trx, (await countyNewsletter(strapi)).id, list.id);
    strapi.log.info(`Migration ${MIGRATION}: ${JSON.stringify({ carriersMoved: moved })}`);
  });
  // Made by this call, or by another process that claimed it first; made again only should a
  // database hand have removed it since.
  return (await newsletterBySlug(strapi, INVITATIONS_NEWSLETTER.slug)) ?? createList(strapi);
}

async function createList(strapi: Core.Strapi): Promise<NewsletterRow> {
  await strapi.db.query(NEWSLETTER).create({
    data: { ...INVITATIONS_NEWSLETTER, listed: false, publishedAt: new Date() },
  });
  return (await newsletterBySlug(strapi, INVITATIONS_NEWSLETTER.slug)) as NewsletterRow;
}

type Link = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };

async function moveCarriers(strapi: Core.Strapi, trx: Knex.Transaction, fromId: number, toId: number) {
  const meta = strapi.db.metadata.get(SUBSCRIPTION);
  const column = (field: string) =>
    (meta.attributes[field] as { columnName?: string } | undefined)?.columnName ?? field;
  const toNewsletter = (meta.attributes.newsletter as unknown as { joinTable: Link }).joinTable;
  const toContact = (meta.attributes.contact as unknown as { joinTable: Link }).joinTable;
  const carriers = trx(meta.tableName)
    .select('id')
    .whereIn(column('subscriptionStatus'), ['pending', 'unsubscribed'])
    .whereNull(column('confirmToken'))
    .whereNull(column('confirmSentAt'))
    .whereNull(column('consentAt'))
    .whereNull(column('confirmedAt'))
    .whereIn('id', trx(toContact.name).select(toContact.joinColumn.name));
  return (await trx(toNewsletter.name)
    .where(toNewsletter.inverseJoinColumn.name, fromId)
    .whereIn(toNewsletter.joinColumn.name, carriers)
    .update({ [toNewsletter.inverseJoinColumn.name]: toId })) as number;
}
