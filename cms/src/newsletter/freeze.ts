import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { deliveryKey, deliveryMessageId } from '@tasteget/newsletter';
import { normalizeEmail, parseSegment } from '@tasteget/shared';
import { CAMPAIGN, loadCampaign } from './campaign-content';
import { workerConfig } from './config';
import { selectRecipients } from './recipients';
import { compile } from './render';

/**
 * "Skicka": the campaign is validated (rendered once with strict MJML validation, its segment
 * parsed), its recipients are selected once and frozen into `newsletter-delivery` rows, and it
 * moves to `sending`, all in one transaction. Retries and resumes reuse the rows; the segment is
 * never evaluated again for this campaign. Freezing twice does nothing the second time.
 */
export const DELIVERY = 'api::newsletter-delivery.newsletter-delivery';
const INSERT_CHUNK = 500;

export class CampaignNotFoundError extends Error {
  constructor(documentId: string) {
    super(`Utskicket finns inte / No such campaign: ${documentId}`);
    this.name = 'CampaignNotFoundError';
  }
}

export class CampaignStateError extends Error {
  constructor(readonly messages: { sv: string; en: string }) {
    super(messages.sv);
    this.name = 'CampaignStateError';
  }
}

export interface FreezeResult {
  /** false when the campaign was already frozen (sending, paused or sent): nothing changed. */
  frozen: boolean;
  recipientCount: number;
}

export async function freezeCampaign(strapi: Core.Strapi, documentId: string): Promise<FreezeResult> {
  const campaign = await loadCampaign(strapi, documentId);
  if (!campaign) throw new CampaignNotFoundError(documentId);
  if (campaign.campaignStatus === 'cancelled') {
    throw new CampaignStateError({
      sv: 'Utskicket är avbrutet och kan inte skickas.',
      en: 'The campaign is cancelled and cannot be sent.',
    });
  }
  if (!['draft', 'scheduled'].includes(campaign.campaignStatus)) {
    return { frozen: false, recipientCount: campaign.recipientCount ?? 0 };
  }

  const { identity } = workerConfig();
  // Throws MjmlValidationError / CampaignContentError / SegmentError before any row exists.
  await compile(strapi, campaign, identity);
  const segment = parseSegment(campaign.segment);

  // As stored in the register (the worker finds the recipient by it); the key is case-insensitive.
  const emails: string[] = [];
  for await (const recipient of selectRecipients(strapi, segment, campaign.audience)) {
    emails.push(recipient.profile.email.trim());
  }

  return strapi.db.transaction(async ({ trx }) => {
    const { count } = await strapi.db.query(CAMPAIGN).updateMany({
      where: { id: campaign.id, campaignStatus: { $in: ['draft', 'scheduled'] } },
      data: { campaignStatus: 'sending', recipientCount: emails.length, sentCount: 0, failedCount: 0 },
    });
    if (count !== 1) {
      // Another "Skicka" froze it first.
      const current = await strapi.db.query(CAMPAIGN).findOne({ where: { id: campaign.id } });
      return { frozen: false, recipientCount: current?.recipientCount ?? 0 };
    }
    const existing = new Set(
      (
        (await strapi.db
          .query(DELIVERY)
          .findMany({ where: { campaignDocumentId: documentId }, select: ['email'] })) as { email: string }[]
      ).map((d) => normalizeEmail(d.email)),
    );
    const rows = emails
      .filter((email) => !existing.has(normalizeEmail(email)))
      .map((email) => {
        const key = deliveryKey(documentId, email);
        return {
          campaignDocumentId: documentId,
          email,
          deliveryKey: key,
          messageId: deliveryMessageId(key, identity.domain),
          deliveryStatus: 'queued',
          attempts: 0,
          publishedAt: new Date(),
        };
      });
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await strapi.db.query(DELIVERY).createMany({ data: rows.slice(i, i + INSERT_CHUNK) });
    }
    await linkToCampaign(strapi, trx, documentId, campaign.id);
    return { frozen: true, recipientCount: emails.length };
  });
}

/**
 * `createMany` writes no relations: the deliveries' `campaign` relation (what the content manager
 * shows) is written into its join table here, in bulk. The worker itself goes by
 * `campaignDocumentId`.
 */
async function linkToCampaign(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  documentId: string,
  campaignId: number,
) {
  const { joinTable } = strapi.db.metadata.get(DELIVERY).attributes.campaign as unknown as {
    joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  };
  const ids = (
    (await strapi.db.query(DELIVERY).findMany({
      where: { campaignDocumentId: documentId, campaign: { id: { $null: true } } },
      select: ['id'],
    })) as {
      id: number;
    }[]
  ).map((d) => d.id);
  for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
    await trx(joinTable.name).insert(
      ids.slice(i, i + INSERT_CHUNK).map((id) => ({
        [joinTable.joinColumn.name]: id,
        [joinTable.inverseJoinColumn.name]: campaignId,
      })),
    );
  }
}
