import type { Core } from '@strapi/strapi';
import { processLoop } from '../platform/work-loop';
import { workerConfig } from './config';
import { forgetCompiled } from './render';
import { startDueCampaigns } from './schedule';
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

/**
 * Beside it, the schedule: scheduled campaigns whose time has come are started as "Skicka" starts
 * them (`schedule.ts`), then the worker is woken. A loop of its own, so a campaign due while this
 * process sends a large one starts on time, and its freeze never holds up that send.
 */
const schedule = processLoop('Newsletter schedule', async (strapi) => {
  const { started } = await startDueCampaigns(strapi);
  if (started.length > 0) loop.wake();
});

/** Due campaigns are looked for at least every second (more often when the worker polls so). */
const SCHEDULE_POLL_MS = 1000;

export function startNewsletterWorker(strapi: Core.Strapi) {
  const config = workerConfig();
  if (!config.enabled) return;
  loop.start(strapi, config.pollMs);
  schedule.start(strapi, Math.min(config.pollMs, SCHEDULE_POLL_MS));
}

/** Stops after the mails in flight; claimed but unsent deliveries are given back at once. */
export async function stopNewsletterWorker() {
  await schedule.stop();
  await loop.stop();
  await closeDeliverySender();
  forgetSendRate();
  forgetCompiled();
}

/** Sends now instead of at the next poll: after "Skicka" or "Återuppta". */
export function wakeNewsletterWorker() {
  loop.wake();
}
