import type { SendMailOptions } from 'nodemailer';
import type { CompiledCampaign } from '../render/compile';
import { personalise, slotValues } from '../render/personalise';
import type { SenderIdentity } from '../sender-config';
import { assertMessageId, buildDeliveryMessage, listIdHeader, listUnsubscribeHeader } from './message';
import { compileMimeTemplate, fitsMimeTemplate, renderMime, type MimeTemplate } from './mime-template';

/** A campaign ready to send: its content compiled once, and its MIME message built once. */
export interface PreparedCampaign {
  compiled: CompiledCampaign;
  mime: MimeTemplate;
}

/** What one delivery adds to its campaign: who, its fixed Message-ID, its unsubscribe and preference links. */
export interface DeliveryJob {
  to: string;
  /** Fixed before the first attempt (`deliveryMessageId`), the same on every resend. */
  messageId: string;
  firstName?: string | null;
  unsubscribeUrl: string;
  unsubscribeMailto: string;
  /** The footer's link to the recipient's preference centre. */
  preferencesUrl: string;
  /** The envelope sender (VERP): where this delivery's bounces go. The From address when unset. */
  returnPath?: string;
}

export async function prepareCampaign(
  compiled: CompiledCampaign,
  sender: Pick<SenderIdentity, 'from' | 'replyTo' | 'domain'>,
): Promise<PreparedCampaign> {
  return { compiled, mime: await compileMimeTemplate(sender, compiled) };
}

/**
 * One delivery as nodemailer options: the campaign's MIME template filled in (`raw`), or, for an
 * address that needs encoding, the message nodemailer builds from the same parts.
 */
export function deliveryMail(
  campaign: PreparedCampaign,
  sender: Pick<SenderIdentity, 'from' | 'replyTo' | 'domain'>,
  job: DeliveryJob,
  now = new Date(),
): SendMailOptions {
  const recipient = {
    firstName: job.firstName,
    unsubscribeUrl: job.unsubscribeUrl,
    preferencesUrl: job.preferencesUrl,
  };
  if (!fitsMimeTemplate(job.to)) {
    return {
      ...buildDeliveryMessage({
        sender,
        to: job.to,
        ...personalise(campaign.compiled, recipient),
        messageId: job.messageId,
        unsubscribeUrl: job.unsubscribeUrl,
        unsubscribeMailto: job.unsubscribeMailto,
        listId: listIdHeader(campaign.compiled.list, sender.domain),
      }),
      ...(job.returnPath ? { envelope: { from: job.returnPath, to: [job.to] } } : {}),
    };
  }
  assertMessageId(job.messageId);
  const raw = renderMime(campaign.mime, {
    to: job.to,
    messageId: job.messageId,
    date: now,
    listUnsubscribe: listUnsubscribeHeader(job.unsubscribeUrl, job.unsubscribeMailto),
    ...slotValues(campaign.compiled, recipient),
  });
  // The Message-ID is in the raw message; given here too, nodemailer reports it instead of
  // drawing a random one of its own for every mail.
  return {
    raw,
    envelope: { from: job.returnPath ?? sender.from.address, to: [job.to] },
    messageId: job.messageId,
  };
}
