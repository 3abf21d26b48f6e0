import {
  DEFAULT_RETRY_POLICY,
  parseSenderConfig,
  senderIdentity,
  type RetryPolicy,
  type SenderConfig,
  type SenderIdentity,
} from '@tasteget/newsletter';
import { envFlag, parseVariables } from '@tasteget/shared';
import { z } from 'zod';

/**
 * Settings of the campaign worker, validated like the rest of the environment. The SMTP relay,
 * sender, pool size and rate limit are the newsletter package's (`parseSenderConfig`).
 */
const schema = z.object({
  /** Run a campaign worker in every CMS process (the headless `newsletter:worker` runs one anyway). */
  NEWSLETTER_WORKER: envFlag.default(true),
  /** How often a worker looks for queued deliveries when it was not woken. */
  NEWSLETTER_POLL_MS: z.coerce.number().int().min(20).default(5000),
  /** Deliveries claimed at once; a claim is a lease, so a dead worker's batch returns after it. */
  NEWSLETTER_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  NEWSLETTER_LEASE_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(5 * 60_000),
  NEWSLETTER_RETRY_BASE_MS: z.coerce.number().int().min(10).default(DEFAULT_RETRY_POLICY.baseMs),
  NEWSLETTER_RETRY_MAX_MS: z.coerce.number().int().min(10).default(DEFAULT_RETRY_POLICY.maxMs),
  NEWSLETTER_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(DEFAULT_RETRY_POLICY.maxAttempts),
});

export interface WorkerConfig {
  enabled: boolean;
  pollMs: number;
  batchSize: number;
  leaseMs: number;
  retry: RetryPolicy;
  sender: SenderConfig;
  identity: SenderIdentity;
}

export function workerConfig(source: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const env = parseVariables(schema, source, 'Invalid newsletter worker configuration');
  const sender = parseSenderConfig(source);
  return {
    enabled: env.NEWSLETTER_WORKER,
    pollMs: env.NEWSLETTER_POLL_MS,
    batchSize: env.NEWSLETTER_BATCH_SIZE,
    leaseMs: env.NEWSLETTER_LEASE_MS,
    retry: {
      baseMs: env.NEWSLETTER_RETRY_BASE_MS,
      maxMs: env.NEWSLETTER_RETRY_MAX_MS,
      maxAttempts: env.NEWSLETTER_MAX_ATTEMPTS,
    },
    sender,
    identity: senderIdentity(sender),
  };
}
