import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import {
  buildDeliveryMessage,
  compileCampaign,
  listIdHeader,
  personalise,
  prepareCampaign,
  templateSender,
  unsubscribeMailto,
  type CompiledCampaign,
  type DeliveryJob,
  type SendableCampaign,
  type SenderIdentity,
} from '@tasteget/newsletter';
import { preferenceCentreUrl } from '@tasteget/shared';
import type { SendMailOptions } from 'nodemailer';
import { environment } from '../platform/environment';
import { mailLinkUrl } from '../intake/endpoints';
import { campaignBlocks, campaignMeta, type CampaignRow } from './campaign-content';
import type { Recipient } from './recipients';

/**
 * Rendering: MJML once per campaign (and process), then per recipient only substitution. The
 * compiled campaign is kept per process while the campaign is being sent.
 */
export async function compile(
  strapi: Core.Strapi,
  campaign: CampaignRow,
  identity: SenderIdentity,
): Promise<CompiledCampaign> {
  return compileCampaign(
    campaignMeta(campaign),
    await campaignBlocks(strapi, campaign),
    templateSender(identity),
  );
}

/** Per campaign: the content it was prepared from, and the result. */
const preparedCampaigns = new Map<string, { content: string; sendable: Promise<SendableCampaign> }>();

/**
 * The campaign compiled and its MIME message built once in this process, and again only when its
 * content changed (an edit while paused). Related stories and the like are read at the first
 * compile. The key names this version of the campaign, for the sending threads.
 */
export function sendableFor(
  strapi: Core.Strapi,
  campaign: CampaignRow,
  identity: SenderIdentity,
): Promise<SendableCampaign> {
  const content = JSON.stringify([
    campaign.subject,
    campaign.preheader,
    campaign.language,
    campaign.audience,
    // The footer's reason names the newsletter and what the segment selected by.
    campaign.newsletter,
    campaign.segment,
    campaign.blocks,
    identity,
  ]);
  const cached = preparedCampaigns.get(campaign.documentId);
  if (cached?.content === content) return cached.sendable;
  const key = `${campaign.documentId}:${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;
  const sendable = compile(strapi, campaign, identity).then(async (compiled) => ({
    key,
    prepared: await prepareCampaign(compiled, identity),
  }));
  sendable.catch(() => preparedCampaigns.delete(campaign.documentId));
  preparedCampaigns.set(campaign.documentId, { content, sendable });
  return sendable;
}

export function forgetCompiled() {
  preparedCampaigns.clear();
}

/** The one-click unsubscribe endpoint of the CMS (GET opens a page, the RFC 8058 POST acts). */
export function unsubscribeUrl(token: string, publicUrl = environment().PUBLIC_URL): string {
  return mailLinkUrl('/newsletter/unsubscribe', token, publicUrl);
}

/**
 * The preference centre (contacts/preferences.ts), opened with the same token as the unsubscribe
 * link: every subscription's unsubscribe token names its address there. The receipts' signed
 * contact link would put the contact's id in every mail instead; this adds nothing to what the
 * mail already carries about the person.
 */
export function preferencesUrl(token: string, publicUrl = environment().PUBLIC_URL): string {
  return preferenceCentreUrl(publicUrl, token);
}

/** What one delivery adds to its campaign's message: who, the fixed Message-ID, the unsubscribe and preference links. */
export function deliveryJob(
  identity: SenderIdentity,
  recipient: Pick<Recipient, 'profile'>,
  to: string,
  messageId: string,
  token: string,
  /** The CMS's public URL; the worker reads it once per batch rather than per mail. */
  publicUrl?: string,
): DeliveryJob {
  return {
    to,
    messageId,
    firstName: recipient.profile.firstName,
    unsubscribeUrl: unsubscribeUrl(token, publicUrl),
    unsubscribeMailto: unsubscribeMailto(identity.unsubscribeMailbox, token),
    preferencesUrl: preferencesUrl(token, publicUrl),
  };
}

/**
 * One recipient's mail as nodemailer builds it (the admin's preview and test send): personalised
 * parts, the fixed Message-ID and the one-click headers. Campaigns are sent from the MIME template.
 */
export function deliveryMessage(
  compiled: CompiledCampaign,
  identity: SenderIdentity,
  recipient: Pick<Recipient, 'profile'>,
  to: string,
  messageId: string,
  token: string,
): SendMailOptions {
  const job = deliveryJob(identity, recipient, to, messageId, token);
  const personal = personalise(compiled, job);
  return buildDeliveryMessage({
    sender: identity,
    to,
    ...personal,
    messageId,
    unsubscribeUrl: job.unsubscribeUrl,
    unsubscribeMailto: job.unsubscribeMailto,
    listId: listIdHeader(compiled.list, identity.domain),
  });
}
