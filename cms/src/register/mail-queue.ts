import type { Core } from '@strapi/strapi';
import { startOutboxDispatcher, type OutboxDispatcher } from './outbox';

/** The outbox dispatcher of this CMS process: started in bootstrap, stopped in destroy. */
let dispatcher: OutboxDispatcher | undefined;

export function startMailQueue(strapi: Core.Strapi) {
  dispatcher = startOutboxDispatcher(strapi);
  dispatcher.wake(); // mail left over from a previous run
}

export async function stopMailQueue() {
  await dispatcher?.stop();
  dispatcher = undefined;
}

/** Sends queued mail now instead of at the next poll; call after the queuing transaction commits. */
export function wakeMailQueue() {
  dispatcher?.wake();
}
