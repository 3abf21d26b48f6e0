import { parseVariables, SMTP_VARIABLES } from '@tasteget/shared';
import { z } from 'zod';

/**
 * Configuration of the newsletter sender, validated at start-up like the CMS's. The defaults send
 * to the local mail catcher; production sets its own SMTP relay, sender and (for bulk-sender
 * rules) DKIM key.
 */
/** The sender's variables; the CMS's environment schema includes them (one parse per process). */
export const SENDER_VARIABLES = {
  /** "Name <address>" or a bare address; the From domain should be the DKIM signing domain. */
  NEWSLETTER_FROM: z
    .string()
    .min(3)
    .refine((v) => parseMailbox(v) !== null, 'expected "Name <address@domain>" or "address@domain"')
    .default('Ta Steget <nyhetsbrev@tasteget.local>'),
  NEWSLETTER_REPLY_TO: z.string().min(3).optional(),
  /** Postal address printed in every newsletter's footer. */
  NEWSLETTER_POSTAL_ADDRESS: z
    .string()
    .min(5)
    .default('Region Jämtland Härjedalen, Box 654, 831 27 Östersund'),
  /** The mailbox of the List-Unsubscribe mailto; defaults to unsubscribe@<the From domain>. */
  NEWSLETTER_UNSUBSCRIBE_MAILBOX: z.email().optional(),
  /** The portal, for relative links in CMS content and the logo. */
  NEWSLETTER_SITE_URL: z.url().default('http://127.0.0.1:4321'),
  NEWSLETTER_LOGO_URL: z.url().optional(),
  /** The relay, read as the CMS reads it: its register mail and the newsletter share SMTP_*. */
  ...SMTP_VARIABLES,
  /** Messages per second for the whole platform, shared by every worker (cms/src/newsletter/send-rate.ts); 0: no limit. */
  NEWSLETTER_RATE_LIMIT: z.coerce.number().min(0).default(0),
  NEWSLETTER_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
  /**
   * Worker threads that build and send the messages (0: the worker's own thread). Building MIME
   * and writing it to the socket is most of the CPU of a newsletter; one thread beside the
   * database work uses a second core.
   */
  NEWSLETTER_SEND_THREADS: z.coerce.number().int().min(0).max(16).default(1),
  /** Messages per pooled connection before it is replaced; high is several times faster. */
  NEWSLETTER_MAX_MESSAGES: z.coerce.number().int().min(1).default(10_000),
  DKIM_DOMAIN: z.string().optional(),
  DKIM_SELECTOR: z.string().optional(),
  DKIM_PRIVATE_KEY: z.string().optional(),
};
const schema = z.object(SENDER_VARIABLES);

export type SenderConfig = z.output<typeof schema>;

export interface Mailbox {
  name: string;
  address: string;
}

/** "Ta Steget <nyhetsbrev@x.se>" → { name, address }; null when it is not a mailbox. */
export function parseMailbox(value: string): Mailbox | null {
  const match = /^\s*(?:"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+))\s*$/.exec(value);
  if (!match) return null;
  return match[3] ? { name: '', address: match[3] } : { name: match[1].trim(), address: match[2] };
}

export function parseSenderConfig(source: NodeJS.ProcessEnv = process.env): SenderConfig {
  const config = parseVariables(schema, source, 'Invalid newsletter configuration');
  const problems = senderProblems(config);
  if (problems.length > 0)
    throw new Error(`Invalid newsletter configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}

/** What the schema cannot say about single variables: the DKIM settings go together. */
export function senderProblems(config: SenderConfig): string[] {
  const dkim = [config.DKIM_DOMAIN, config.DKIM_SELECTOR, config.DKIM_PRIVATE_KEY];
  return dkim.some(Boolean) && !dkim.every(Boolean)
    ? ['DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY go together']
    : [];
}

/** Who a newsletter is from, as the templates and the message builder need it. */
export interface SenderIdentity {
  from: Mailbox;
  replyTo?: string;
  /** Printed in the footer (the organisation's postal address). */
  postalAddress: string;
  /** Domain of Message-IDs: the DKIM domain, else the From domain. */
  domain: string;
  unsubscribeMailbox: string;
  siteUrl: string;
  logoUrl?: string;
}

export function senderIdentity(config: SenderConfig): SenderIdentity {
  const from = parseMailbox(config.NEWSLETTER_FROM) as Mailbox;
  const fromDomain = from.address.split('@')[1];
  return {
    from,
    replyTo: config.NEWSLETTER_REPLY_TO,
    postalAddress: config.NEWSLETTER_POSTAL_ADDRESS,
    domain: config.DKIM_DOMAIN ?? fromDomain,
    unsubscribeMailbox: config.NEWSLETTER_UNSUBSCRIBE_MAILBOX ?? `unsubscribe@${fromDomain}`,
    siteUrl: config.NEWSLETTER_SITE_URL.replace(/\/+$/, ''),
    logoUrl: config.NEWSLETTER_LOGO_URL,
  };
}
