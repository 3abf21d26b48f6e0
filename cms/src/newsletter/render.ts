import type { Core } from '@strapi/strapi';
import {
  buildDeliveryMessage,
  compileCampaign,
  personalise,
  templateSender,
  unsubscribeMailto,
  type CompiledCampaign,
  type SenderIdentity,
} from '@tasteget/newsletter';
import type { SendMailOptions } from 'nodemailer';
import { environment } from '../config/environment';
import { campaignBlocks, campaignMeta, type CampaignRow } from './campaign-content';
import { recipientMunicipality, type Recipient } from './recipients';

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

/** Per campaign: the content it was compiled from, and the result. */
const compiledCampaigns = new Map<string, { content: string; compiled: Promise<CompiledCampaign> }>();

/**
 * The campaign compiled once in this process, and again only when its content changed (an edit
 * while paused). Related stories and the like are read at the first compile.
 */
export function compiledFor(
  strapi: Core.Strapi,
  campaign: CampaignRow,
  identity: SenderIdentity,
): Promise<CompiledCampaign> {
  const content = JSON.stringify([
    campaign.subject,
    campaign.preheader,
    campaign.language,
    campaign.audience,
    campaign.blocks,
    identity,
  ]);
  const cached = compiledCampaigns.get(campaign.documentId);
  if (cached?.content === content) return cached.compiled;
  const compiled = compile(strapi, campaign, identity);
  compiled.catch(() => compiledCampaigns.delete(campaign.documentId));
  compiledCampaigns.set(campaign.documentId, { content, compiled });
  return compiled;
}

export function forgetCompiled() {
  compiledCampaigns.clear();
}

/** The one-click unsubscribe endpoint of the CMS (GET opens a page, the RFC 8058 POST acts). */
export function unsubscribeUrl(token: string, publicUrl = environment().PUBLIC_URL): string {
  return `${publicUrl}/api/newsletter/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** One recipient's mail: personalised parts, the fixed Message-ID and the one-click headers. */
export function deliveryMessage(
  compiled: CompiledCampaign,
  identity: SenderIdentity,
  recipient: Pick<Recipient, 'profile'>,
  to: string,
  messageId: string,
  token: string,
  /** The CMS's public URL; the worker reads it once per batch rather than per mail. */
  publicUrl?: string,
): SendMailOptions {
  const url = unsubscribeUrl(token, publicUrl);
  const personal = personalise(compiled, {
    firstName: recipient.profile.firstName,
    municipality: recipientMunicipality(recipient.profile),
    unsubscribeUrl: url,
  });
  return buildDeliveryMessage({
    sender: identity,
    to,
    ...personal,
    messageId,
    unsubscribeUrl: url,
    unsubscribeMailto: unsubscribeMailto(identity.unsubscribeMailbox, token),
  });
}
