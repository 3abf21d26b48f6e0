import type { Core } from '@strapi/strapi';
import { processLoop } from '../platform/work-loop';
import { workerConfig } from './config';
import { forgetCompiled } from './render';
import { sendQueued } from './send-batch';
import { forgetSendRate } from './send-rate';
import { closeDeliverySender } from './transport';

/**
 * The campaign worker of this process: started in bootstrap (unless NEWSLETTER_WORKER=false),
 * stopped in destroy. Any number of processes run one; they share campaigns through delivery
 * leases. It picks up whatever a previous run left (interrupted sends resume on boot).
 */
const loop = processLoop('Newsletter', (strapi, shouldStop) =>
  sendQueued(strapi, workerConfig(), shouldStop),
);

export function startNewsletterWorker(strapi: Core.Strapi) {
  const config = workerConfig();
  if (config.enabled) loop.start(strapi, config.pollMs);
}

/** Stops after the mails in flight; claimed but unsent deliveries are given back at once. */
export async function stopNewsletterWorker() {
  await loop.stop();
  await closeDeliverySender();
  forgetSendRate();
  forgetCompiled();
}

/** Sends now instead of at the next poll: after "Skicka" or "Återuppta". */
export function wakeNewsletterWorker() {
  loop.wake();
}
