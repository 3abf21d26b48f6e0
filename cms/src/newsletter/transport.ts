import { createNewsletterTransport, type SenderConfig } from '@tasteget/newsletter';

/**
 * One pooled, rate-limited SMTP transport per process, shared by every batch and every worker
 * loop of the process (the rate limit is the pool's). Closed when the worker stops.
 */
type Transport = ReturnType<typeof createNewsletterTransport>;
let shared: { key: string; transport: Transport } | undefined;

export function newsletterTransport(config: SenderConfig): Transport {
  const key = JSON.stringify(config);
  if (shared?.key !== key) {
    shared?.transport.close();
    shared = { key, transport: createNewsletterTransport(config) };
  }
  return shared.transport;
}

export function closeNewsletterTransport() {
  shared?.transport.close();
  shared = undefined;
}
