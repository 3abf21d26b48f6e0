import type { CampaignAudience, Locale, Segment } from '@tasteget/shared';

/**
 * What the templates render: a campaign's blocks with their CMS relations already resolved into
 * plain values and absolute (or site-relative) URLs. The CMS wiring builds this from the
 * `blocks` dynamic zone; see `COMPONENT_BLOCK_KINDS`.
 */

export interface ImageRef {
  url: string;
  /** Required: every image in a newsletter has an alt text (empty only for decoration). */
  alt: string;
  width?: number | null;
  height?: number | null;
}

export interface IntroTextBlock {
  kind: 'intro-text';
  heading?: string | null;
  text: string;
}

export interface StoryBlock {
  kind: 'story';
  title: string;
  lead: string;
  url: string;
  /** The person the story is about, e.g. "Anna och Erik, Åre". */
  person?: string | null;
  image?: ImageRef | null;
  /** The editor's own words for this newsletter (component field `text`). */
  text?: string | null;
}

export interface ArticleBlock {
  kind: 'article';
  title: string;
  lead: string;
  url: string;
  image?: ImageRef | null;
  text?: string | null;
}

export interface EventInvitationBlock {
  kind: 'event-invitation';
  title: string;
  /** ISO instant. */
  startsAt: string;
  endsAt?: string | null;
  place: string;
  url: string;
  signUpUrl?: string | null;
  text?: string | null;
}

export interface CtaBlock {
  kind: 'cta';
  heading?: string | null;
  text?: string | null;
  buttonLabel: string;
  url: string;
}

export interface MagazineBlock {
  kind: 'magazine';
  title: string;
  year: number;
  description?: string | null;
  /** The edition's page on the portal (order form or PDF). */
  url: string;
  orderable: boolean;
  image?: ImageRef | null;
  text?: string | null;
}

export type CampaignBlock =
  IntroTextBlock | StoryBlock | ArticleBlock | EventInvitationBlock | CtaBlock | MagazineBlock;

export type BlockKind = CampaignBlock['kind'];

/** The CMS's dynamic-zone components and the block each becomes. */
export const COMPONENT_BLOCK_KINDS = {
  'newsletter.intro-text': 'intro-text',
  'newsletter.story': 'story',
  'newsletter.article': 'article',
  'newsletter.event-invitation': 'event-invitation',
  'shared.cta': 'cta',
  'newsletter.magazine': 'magazine',
} as const satisfies Record<string, BlockKind>;

export interface CampaignMeta {
  subject: string;
  preheader?: string | null;
  language: Locale;
  audience: CampaignAudience;
  /** The newsletter the campaign is sent for, named in the footer; the county's when absent. */
  newsletter?: { slug: string; name: string; nameEn?: string | null } | null;
  /**
   * The segment the recipients were selected by: the footer names a municipality it bound every
   * recipient to (they chose it), never one of their own the campaign was not about.
   */
  segment?: Segment | null;
}

/** What the footer and header need to know about the sender. */
export interface TemplateSender {
  /** Shown in the header when there is no logo and in the footer. */
  name: string;
  postalAddress: string;
  /** Base for site-relative links ("/berattelser/…"). */
  siteUrl: string;
  logoUrl?: string;
}

/**
 * Per-recipient values the templates place but never see: opaque tokens, substituted later by
 * `personalise`. Templates put them in as they are (they are safe in text and attributes).
 */
export interface Slots {
  /** The whole greeting line, e.g. "Hej Anna!" or "Hej!". */
  greeting: string;
  unsubscribeUrl: string;
  /** The recipient's preference centre: every newsletter and invitation they get, changed in one place. */
  preferencesUrl: string;
}

/** Everything a block renderer gets besides its block. */
export interface RenderContext {
  language: Locale;
  sender: TemplateSender;
}
