import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { deliveryKey, deliveryMessageId } from '@tasteget/newsletter';
import { normalizeEmail, parseSegment } from '@tasteget/shared';
import { campaignAudience, loadCampaign } from './campaign-content';
import { deliveryColumn } from './deliveries';
import { workerConfig } from './config';
import { selectRecipients } from './recipients';
import { compile } from './render';
import { CAMPAIGN, DELIVERY } from '../platform/content-types';
import { refreshStaleStatistics } from '../platform/table-statistics';

/**
 * "Skicka": the campaign is validated (rendered once with strict MJML validation, its segment
 * parsed), its recipients are selected once and frozen into `newsletter-delivery` rows, and it
 * moves to `sending`, all in one transaction. Retries and resumes reuse the rows; the segment is
 * never evaluated again for this campaign. Freezing twice does nothing the second time. A
 * scheduled campaign is started the same way at its time (`schedule.ts`, with `due`).
 */
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

/** The segment reaches no one now: sent, it would only be marked sent and closed to changes. */
export class NoRecipientsError extends CampaignStateError {
  constructor() {
    super({
      sv: 'Urvalet når ingen mottagare just nu, så utskicket skickas inte. Ändra målgruppen eller urvalet.',
      en: 'The segment reaches no recipients right now, so the campaign is not sent. Change the audience or the segment.',
    });
  }
}

export interface FreezeResult {
  /** false when the campaign was already frozen (sending, paused or sent): nothing changed. */
  frozen: boolean;
  recipientCount: number;
}

export interface FreezeOptions {
  /**
   * Its schedule starts it, not a person: only a campaign still `scheduled` for this time or
   * earlier is frozen. One put back to draft or moved to a later time meanwhile is left as it is.
   */
  due?: Date;
  /** How many times an edit saved during the selection made it start over (see below). */
  restarts?: number;
}

export async function freezeCampaign(
  strapi: Core.Strapi,
  documentId: string,
  options: FreezeOptions = {},
): Promise<FreezeResult> {
  const campaign = await loadCampaign(strapi, documentId);
  if (!campaign) throw new CampaignNotFoundError(documentId);
  if (campaign.campaignStatus === 'cancelled') {
    throw new CampaignStateError({
      sv: 'Utskicket är avbrutet och kan inte skickas.',
      en: 'The campaign is cancelled and cannot be sent.',
    });
  }
  const startable = options.due ? ['scheduled'] : ['draft', 'scheduled'];
  if (!startable.includes(campaign.campaignStatus)) {
    return { frozen: false, recipientCount: campaign.recipientCount ?? 0 };
  }

  const { identity } = workerConfig();
  // Throws MjmlValidationError / CampaignContentError / SegmentError before any row exists.
  await compile(strapi, campaign, identity);
  const segment = parseSegment(campaign.segment);

  // As stored in the register (the worker finds the recipient by it); the key is case-insensitive.
  // Addresses that bounced for good or complained are no one's recipient (selectRecipients).
  const emails: string[] = [];
  const audience = await campaignAudience(strapi, campaign);
  for await (const recipient of selectRecipients(strapi, segment, audience)) {
    emails.push(recipient.profile.email.trim());
  }
  // "Skicka" to no one would only mark the campaign sent and close it to changes; so would its
  // scheduled time, which returns it to draft instead (schedule.ts).
  if (emails.length === 0) throw new NoRecipientsError();

  const result = await strapi.db.transaction(async ({ trx }) => {
    const { count } = await strapi.db.query(CAMPAIGN).updateMany({
      where: {
        id: campaign.id,
        campaignStatus: { $in: startable },
        // As it was selected for: an edit saved meanwhile (another segment, audience or content)
        // would otherwise go out to the recipients of the old one.
        updatedAt: new Date(campaign.updatedAt),
        ...(options.due ? { scheduledAt: { $lte: options.due } } : {}),
      },
      data: { campaignStatus: 'sending', recipientCount: emails.length, sentCount: 0, failedCount: 0 },
    });
    if (count !== 1) {
      // Another "Skicka" (or another process's schedule) froze it first, its schedule changed, or
      // it was edited while its recipients were selected: then it is selected again, as saved.
      const current = (await strapi.db.query(CAMPAIGN).findOne({ where: { id: campaign.id } })) as {
        campaignStatus: string;
        recipientCount: number | null;
        updatedAt: string;
      } | null;
      const edited =
        current !== null &&
        startable.includes(current.campaignStatus) &&
        new Date(current.updatedAt).getTime() !== new Date(campaign.updatedAt).getTime();
      return { frozen: false, recipientCount: current?.recipientCount ?? 0, edited };
    }
    const existing = new Set(
      (
        (await strapi.db
          .query(DELIVERY)
          .findMany({ where: { campaignDocumentId: documentId }, select: ['email'] })) as { email: string }[]
      ).map((d) => normalizeEmail(d.email)),
    );
    const now = new Date();
    const rows = emails
      .filter((email) => !existing.has(normalizeEmail(email)))
      .map((email) => {
        const key = deliveryKey(documentId, email);
        return {
          documentId: deliveryDocumentId(key),
          campaignDocumentId: documentId,
          email,
          deliveryKey: key,
          messageId: deliveryMessageId(key, identity.domain),
          deliveryStatus: 'queued',
          attempts: 0,
          createdAt: now,
          updatedAt: now,
          publishedAt: now,
        };
      });
    await insertDeliveries(strapi, trx, campaign.id, rows);
    return { frozen: true, recipientCount: emails.length, edited: false };
  });
  const restarts = options.restarts ?? 0;
  if (result.edited && restarts < MAX_RESTARTS) {
    return freezeCampaign(strapi, documentId, { ...options, restarts: restarts + 1 });
  }
  // The workers' claims read the rows just written: planned for them, not for the table before.
  if (result.frozen) await refreshStaleStatistics(strapi, [DELIVERY]);
  return { frozen: result.frozen, recipientCount: result.recipientCount };
}

/** An edit during the selection starts it over; a campaign edited without pause is not frozen. */
const MAX_RESTARTS = 3;

/**
 * A delivery's document id, derived from its unique key: the delivery rows are written in bulk
 * below, not through the document service, and a derived id is as unique as the key (and costs
 * a hash where Strapi's own ids cost several).
 */
export function deliveryDocumentId(key: string): string {
  return createHash('sha256').update(`newsletter-delivery:${key}`).digest('hex').slice(0, 24);
}

/**
 * Writes the frozen deliveries in bulk, in the freeze transaction: plain multi-row INSERTs with
 * the columns Strapi's own create writes (through Strapi's query layer each row cost 50 µs, half
 * of freezing 100,000), and the `campaign` relation (what the content manager shows) into its join
 * table from the returned ids. The worker itself goes by `campaignDocumentId`.
 */
async function insertDeliveries(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  campaignId: number,
  rows: Record<string, unknown>[],
) {
  const meta = strapi.db.metadata.get(DELIVERY);
  const { joinTable } = meta.attributes.campaign as unknown as {
    joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  };
  const columns = new Map(Object.keys(rows[0] ?? {}).map((a) => [a, deliveryColumn(strapi, a)]));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows
      .slice(i, i + INSERT_CHUNK)
      .map((row) =>
        Object.fromEntries(Object.entries(row).map(([attribute, value]) => [columns.get(attribute), value])),
      );
    const inserted = (await trx(meta.tableName).insert(chunk).returning('id')) as { id: number }[];
    await trx(joinTable.name).insert(
      inserted.map(({ id }) => ({
        [joinTable.joinColumn.name]: id,
        [joinTable.inverseJoinColumn.name]: campaignId,
      })),
    );
  }
}
