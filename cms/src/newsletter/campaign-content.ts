import type { Core, UID } from '@strapi/strapi';
import {
  MjmlValidationError,
  type CampaignBlock,
  type CampaignMeta,
  type ImageRef,
} from '@tasteget/newsletter';
import {
  EVENT_SIGN_UP_ANCHOR,
  LOCALES,
  SegmentError,
  portalRoute,
  safeParseSegment,
  type CampaignAudience,
  type Locale,
} from '@tasteget/shared';
import { environment } from '../platform/environment';
import { audienceNewsletterId } from './invitations';
import type { Audience } from './recipients';
import { ARTICLE, CAMPAIGN, EDITION, EVENT, STORY } from '../platform/content-types';

/**
 * A campaign's dynamic-zone blocks → the newsletter library's `CampaignBlock`s. Every related
 * story, article, event and magazine edition is read as published, in the campaign's language;
 * a block pointing at something unpublished or missing refuses the campaign with a message that
 * names it (Swedish first), so "Skicka" never sends half a newsletter.
 */

export interface CampaignRow {
  id: number;
  documentId: string;
  subject: string;
  preheader: string | null;
  language: Locale;
  audience: CampaignAudience;
  /** Null for a campaign saved without one: invitations for contacts, else the county's (`campaignAudience`). */
  newsletter: { id: number; slug: string; name: string; nameEn: string | null } | null;
  segment: unknown;
  campaignStatus: 'draft' | 'scheduled' | 'sending' | 'paused' | 'sent' | 'cancelled';
  recipientCount: number | null;
  sentAt: string | null;
  /** When it was last saved: the freeze starts it only as it was when its recipients were selected. */
  updatedAt: string;
  blocks: DynamicBlock[] | null;
}

type Related = { documentId: string } | null | undefined;
type DynamicBlock =
  | { __component: 'newsletter.intro-text'; heading?: string | null; text: string }
  | { __component: 'newsletter.story'; story?: Related; text?: string | null }
  | { __component: 'newsletter.article'; article?: Related; text?: string | null }
  | { __component: 'newsletter.event-invitation'; event?: Related; text?: string | null }
  | { __component: 'newsletter.magazine'; edition?: Related; text?: string | null }
  | {
      __component: 'shared.cta';
      heading?: string | null;
      text?: string | null;
      buttonLabel: string;
      url: string;
    };

/** A campaign that cannot be rendered as it is; `message` is Swedish, `messages` both languages. */
export class CampaignContentError extends Error {
  constructor(readonly messages: { sv: string; en: string }) {
    super(messages.sv);
    this.name = 'CampaignContentError';
  }
}

/**
 * Whether an error says the campaign as saved cannot be rendered or selected (its content, its
 * MJML, its segment), rather than that something failed for a moment (the database, the network).
 */
export const campaignNotRenderable = (error: unknown) =>
  error instanceof CampaignContentError ||
  error instanceof MjmlValidationError ||
  error instanceof SegmentError;

const relatedDocument = { fields: ['documentId'] };
const BLOCKS_POPULATE = {
  on: {
    'newsletter.intro-text': true,
    'shared.cta': true,
    'newsletter.story': { populate: { story: relatedDocument } },
    'newsletter.article': { populate: { article: relatedDocument } },
    'newsletter.event-invitation': { populate: { event: relatedDocument } },
    'newsletter.magazine': { populate: { edition: relatedDocument } },
  },
};

export async function loadCampaign(strapi: Core.Strapi, documentId: string): Promise<CampaignRow | null> {
  return (await strapi.documents(CAMPAIGN).findOne({
    documentId,
    populate: { blocks: BLOCKS_POPULATE, newsletter: { fields: ['id', 'slug', 'name', 'nameEn'] } },
  } as never)) as unknown as CampaignRow | null;
}

/**
 * Whom the campaign reaches: its kind and its newsletter (when it names none, invitations for
 * contacts and the county's newsletter for the others: `invitations.ts`).
 */
export async function campaignAudience(strapi: Core.Strapi, campaign: CampaignRow): Promise<Audience> {
  return {
    kind: campaign.audience,
    newsletterId: await audienceNewsletterId(strapi, campaign.audience, campaign.newsletter),
  };
}

export function campaignMeta(campaign: CampaignRow): CampaignMeta {
  const segment = safeParseSegment(campaign.segment);
  return {
    subject: campaign.subject,
    preheader: campaign.preheader,
    language: (LOCALES as readonly string[]).includes(campaign.language) ? campaign.language : 'sv',
    audience: campaign.audience,
    // The footer's reason: the newsletter sent for (the county's when none) and the segment.
    newsletter: campaign.newsletter,
    // A segment that does not parse is refused at "Skicka"; a preview then names no municipality.
    segment: segment.success ? segment.segment : null,
  };
}

type Media = { url: string; alternativeText?: string | null; width?: number | null; height?: number | null };

/** Uploads are served by the CMS: site-relative upload paths become absolute CMS URLs. */
function imageRef(media: Media | null | undefined, fallbackAlt: string): ImageRef | null {
  if (!media?.url) return null;
  const url = /^https?:\/\//.test(media.url) ? media.url : `${environment().PUBLIC_URL}${media.url}`;
  return { url, alt: media.alternativeText?.trim() || fallbackAlt, width: media.width, height: media.height };
}

const KIND_NAMES: Record<string, { sv: string; en: string }> = {
  [STORY]: { sv: 'Berättelsen', en: 'The story' },
  [ARTICLE]: { sv: 'Nyheten', en: 'The article' },
  [EVENT]: { sv: 'Evenemanget', en: 'The event' },
  [EDITION]: { sv: 'Magasinutgåvan', en: 'The magazine edition' },
};

async function published<T>(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  related: Related,
  language: Locale,
  position: number,
  populate: Record<string, unknown> = {},
): Promise<T> {
  const name = KIND_NAMES[uid];
  if (!related?.documentId) {
    throw new CampaignContentError({
      sv: `Block ${position}: ${name.sv.toLocaleLowerCase('sv')} är inte vald.`,
      en: `Block ${position}: ${name.en.toLowerCase()} is not chosen.`,
    });
  }
  const doc = await strapi
    .documents(uid)
    .findOne({ documentId: related.documentId, locale: language, status: 'published', populate } as never);
  if (!doc) {
    const lang = language === 'sv' ? { sv: 'svenska', en: 'Swedish' } : { sv: 'engelska', en: 'English' };
    throw new CampaignContentError({
      sv: `Block ${position}: ${name.sv} är inte publicerad på ${lang.sv}.`,
      en: `Block ${position}: ${name.en} is not published in ${lang.en}.`,
    });
  }
  return doc as T;
}

/** Resolves every block; throws `CampaignContentError` for an unpublished or missing reference. */
export async function campaignBlocks(strapi: Core.Strapi, campaign: CampaignRow): Promise<CampaignBlock[]> {
  const { language } = campaignMeta(campaign);
  const blocks: CampaignBlock[] = [];
  for (const [index, block] of (campaign.blocks ?? []).entries()) {
    const at = index + 1;
    switch (block.__component) {
      case 'newsletter.intro-text':
        blocks.push({ kind: 'intro-text', heading: block.heading, text: block.text });
        break;
      case 'shared.cta':
        blocks.push({
          kind: 'cta',
          heading: block.heading,
          text: block.text,
          buttonLabel: block.buttonLabel,
          url: block.url,
        });
        break;
      case 'newsletter.story': {
        const story = await published<{
          title: string;
          slug: string;
          lead: string;
          person?: { name: string } | null;
          images?: Media[] | null;
        }>(strapi, STORY, block.story, language, at, { person: true, images: true });
        blocks.push({
          kind: 'story',
          title: story.title,
          lead: story.lead,
          url: portalRoute('stories', language, story.slug),
          person: story.person?.name ?? null,
          image: imageRef(story.images?.[0], story.title),
          text: block.text,
        });
        break;
      }
      case 'newsletter.article': {
        const article = await published<{ title: string; slug: string; lead: string; cover?: Media | null }>(
          strapi,
          ARTICLE,
          block.article,
          language,
          at,
          { cover: true },
        );
        blocks.push({
          kind: 'article',
          title: article.title,
          lead: article.lead,
          url: portalRoute('news', language, article.slug),
          image: imageRef(article.cover, article.title),
          text: block.text,
        });
        break;
      }
      case 'newsletter.event-invitation': {
        const event = await published<{
          title: string;
          startsAt: string;
          endsAt?: string | null;
          place: string;
          slug: string;
          signUpOpen?: boolean | null;
          signUpUrl?: string | null;
        }>(strapi, EVENT, block.event, language, at);
        const page = portalRoute('events', language, event.slug);
        blocks.push({
          kind: 'event-invitation',
          title: event.title,
          startsAt: new Date(event.startsAt).toISOString(),
          endsAt: event.endsAt ? new Date(event.endsAt).toISOString() : null,
          place: event.place,
          url: page,
          // Our own sign-up first (the event page's form); else the organiser's, if any.
          signUpUrl: event.signUpOpen ? `${page}#${EVENT_SIGN_UP_ANCHOR}` : event.signUpUrl,
          text: block.text,
        });
        break;
      }
      case 'newsletter.magazine': {
        const edition = await published<{
          title: string;
          year: number;
          description?: string | null;
          orderable?: boolean | null;
          cover?: Media | null;
        }>(strapi, EDITION, block.edition, language, at, { cover: true });
        blocks.push({
          kind: 'magazine',
          title: edition.title,
          year: edition.year,
          description: edition.description,
          url: portalRoute('magazine', language),
          orderable: edition.orderable !== false,
          image: imageRef(edition.cover, edition.title),
          text: block.text,
        });
        break;
      }
    }
  }
  if (blocks.length === 0) {
    throw new CampaignContentError({
      sv: 'Utskicket har inget innehåll: lägg till minst ett block.',
      en: 'The campaign has no content: add at least one block.',
    });
  }
  return blocks;
}
