import {
  createDeliverySender,
  type DeliverySender,
  type SenderConfig,
  type SenderIdentity,
} from '@tasteget/newsletter';

/**
 * One delivery sender per process (its sending threads and their pooled, rate-limited SMTP
 * connections), shared by every batch and worker loop of the process. Closed when the worker stops.
 */
let shared: { key: string; sender: DeliverySender } | undefined;

export function deliverySender(config: SenderConfig, identity: SenderIdentity): DeliverySender {
  const key = JSON.stringify([config, identity]);
  if (shared?.key !== key) {
    void shared?.sender.close();
    shared = { key, sender: createDeliverySender(config, identity) };
  }
  return shared.sender;
}

export async function closeDeliverySender() {
  const closing = shared?.sender.close();
  shared = undefined;
  await closing;
}
