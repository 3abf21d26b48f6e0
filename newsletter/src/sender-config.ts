import { z } from 'zod';

/**
 * Configuration of the newsletter sender, validated at start-up like the CMS's. The defaults send
 * to the local mail catcher; production sets its own SMTP relay, sender and (for bulk-sender
 * rules) DKIM key.
 */
const schema = z.object({
  NEWSLETTER_FROM: z.string().min(3).default('Ta Steget <nyhetsbrev@tasteget.local>'),
  NEWSLETTER_REPLY_TO: z.string().min(3).optional(),
  /** Postal address printed in every newsletter's footer. */
  NEWSLETTER_POSTAL_ADDRESS: z
    .string()
    .min(5)
    .default('Region Jämtland Härjedalen, Box 654, 831 27 Östersund'),
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  /** Messages per second across the pool; 0 means no limit. */
  NEWSLETTER_RATE_LIMIT: z.coerce.number().min(0).default(0),
  NEWSLETTER_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
  DKIM_DOMAIN: z.string().optional(),
  DKIM_SELECTOR: z.string().optional(),
  DKIM_PRIVATE_KEY: z.string().optional(),
});

export type SenderConfig = z.output<typeof schema>;

export function parseSenderConfig(source: NodeJS.ProcessEnv = process.env): SenderConfig {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v)));
  if (!parsed.success) {
    throw new Error(
      `Invalid newsletter configuration:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  const dkim = [parsed.data.DKIM_DOMAIN, parsed.data.DKIM_SELECTOR, parsed.data.DKIM_PRIVATE_KEY];
  if (dkim.some(Boolean) && !dkim.every(Boolean)) {
    throw new Error(
      'Invalid newsletter configuration:\n  - DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY go together',
    );
  }
  return parsed.data;
}
