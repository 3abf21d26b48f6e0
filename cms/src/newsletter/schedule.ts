import type { Core } from '@strapi/strapi';
import { CAMPAIGN } from '../platform/content-types';
import { campaignNotRenderable } from './campaign-content';
import { NoRecipientsError, freezeCampaign } from './freeze';

/**
 * Scheduled campaigns. A campaign saved as `scheduled` with a time (`scheduledAt`) starts at that
 * time the way "Skicka" starts it: `freezeCampaign` selects its recipients once, writes their
 * deliveries and moves it to `sending`, and the workers send it. Who may send it was checked when
 * it was saved so (`campaign-edits.ts`): the schedule is the saver's "Skicka", pressed ahead.
 *
 * Every process with a worker looks for due campaigns (`worker.ts`); the freeze's conditional
 * update (`scheduled` and due → `sending`, in the transaction that writes the deliveries) lets
 * exactly one of them start a campaign, however many find it due at once; the others change
 * nothing. A campaign put back to draft or moved to a later time after it was found is not started.
 */

export interface ScheduleOutcome {
  /** Campaigns this call moved to `sending`. */
  started: string[];
  /** Campaigns that could not be started as they are (content, segment): back to draft. */
  returnedToDraft: string[];
}

/**
 * Content that no longer renders, a segment that no longer parses or that reaches no one now (all
 * blocked, unsubscribed): no one can send it as it is.
 */
const notSendable = (error: unknown) => campaignNotRenderable(error) || error instanceof NoRecipientsError;

export async function startDueCampaigns(strapi: Core.Strapi, now = new Date()): Promise<ScheduleOutcome> {
  const due = (await strapi.db.query(CAMPAIGN).findMany({
    where: { campaignStatus: 'scheduled', scheduledAt: { $lte: now } },
    select: ['documentId'],
    orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }],
  })) as { documentId: string }[];
  const outcome: ScheduleOutcome = { started: [], returnedToDraft: [] };
  for (const { documentId } of due) {
    try {
      const { frozen } = await freezeCampaign(strapi, documentId, { due: now });
      if (frozen) outcome.started.push(documentId);
    } catch (error) {
      if (!notSendable(error)) throw error;
      // Nobody gets a broken mail, and nobody waits for one that will never go: the campaign is a
      // draft again (the admin shows it so) for its author to mend and schedule or send anew.
      const { count } = await strapi.db.query(CAMPAIGN).updateMany({
        where: { documentId, campaignStatus: 'scheduled' },
        data: { campaignStatus: 'draft' },
      });
      if (count === 1) {
        outcome.returnedToDraft.push(documentId);
        strapi.log.error(
          `Newsletter: scheduled campaign ${documentId} could not be sent and is a draft again: ${(error as Error).message}`,
        );
      }
    }
  }
  return outcome;
}
