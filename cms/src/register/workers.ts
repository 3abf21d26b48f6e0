import type { Core } from '@strapi/strapi';
import { environment } from '../config/environment';
import { processInbox } from './intake-inbox';
import { dispatchDueMail } from './outbox';
import { startWorkLoop, type WorkLoop } from './work-loop';

/**
 * The register's background work in this CMS process: the intake inbox (registrations
 * acknowledged but not yet folded into contacts) and the mail outbox. Started in bootstrap,
 * stopped in destroy; every process runs both, and they share the work through row leases.
 */
let inbox: WorkLoop | undefined;
let outbox: WorkLoop | undefined;

export function startRegisterWorkers(strapi: Core.Strapi) {
  const env = environment();
  inbox = startWorkLoop(strapi, 'Intake inbox', env.OUTBOX_POLL_MS, (shouldStop) =>
    processInbox(strapi, shouldStop),
  );
  outbox = startWorkLoop(strapi, 'Outbox', env.OUTBOX_POLL_MS, (shouldStop) =>
    dispatchDueMail(strapi, shouldStop),
  );
  // Whatever a previous run left behind.
  inbox.wake();
  outbox.wake();
}

export async function stopRegisterWorkers() {
  await Promise.all([inbox?.stop(), outbox?.stop()]);
  inbox = outbox = undefined;
}

/** Folds acknowledged registrations into contacts now instead of at the next poll. */
export function wakeIntake() {
  inbox?.wake();
}

/** Sends queued mail now instead of at the next poll; call after the queuing transaction commits. */
export function wakeMailQueue() {
  outbox?.wake();
}
