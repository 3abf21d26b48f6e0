import {
  SENDER_VARIABLES,
  senderIdentity,
  type RetryPolicy,
  type SenderConfig,
  type SenderIdentity,
} from '@tasteget/newsletter';
import { environment } from '../platform/environment';

/**
 * The campaign worker's settings, read from the CMS's environment (`platform/environment.ts`,
 * validated once with everything else): the SMTP relay, sender, pool size and rate limit are the
 * newsletter package's variables.
 */
export interface WorkerConfig {
  enabled: boolean;
  pollMs: number;
  batchSize: number;
  leaseMs: number;
  retry: RetryPolicy;
  sender: SenderConfig;
  identity: SenderIdentity;
}

const SENDER_NAMES = Object.keys(SENDER_VARIABLES) as (keyof SenderConfig)[];

export function workerConfig(): WorkerConfig {
  const env = environment();
  const sender = Object.fromEntries(SENDER_NAMES.map((name) => [name, env[name]])) as SenderConfig;
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
    identity: {
      ...senderIdentity(sender),
      // The List-Unsubscribe mailto goes where the inbound worker reads (the inbound domain's one
      // mailbox), as the reply and bounce addresses do: at the From domain nobody would read it.
      unsubscribeMailbox: env.NEWSLETTER_UNSUBSCRIBE_MAILBOX ?? `avregistrera@${env.INBOUND_DOMAIN}`,
    },
  };
}
