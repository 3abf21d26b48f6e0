import { AsyncResource } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';

/**
 * A background loop of one CMS process: runs `work` every `pollMs`, and at once when woken (after
 * a commit that queued something). One pass at a time; a wake-up during a pass schedules another.
 * `work` gets a `shouldStop` to check between items, so stopping never waits for a whole backlog.
 */
export function startWorkLoop(
  strapi: Core.Strapi,
  name: string,
  pollMs: number,
  work: (shouldStop: () => boolean) => Promise<unknown>,
) {
  // Passes run in the context the loop was started in (bootstrap), not in that of the request
  // that woke it: the loop's writes are the platform's, never an admin user's.
  const scope = new AsyncResource(`work-loop:${name}`);
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const pass = async () => {
    do {
      again = false;
      try {
        await work(() => stopped);
      } catch (error) {
        strapi.log.error(`${name}: ${(error as Error).message}`);
      }
    } while (again && !stopped);
  };
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = scope.runInAsyncScope(pass).finally(() => (running = null));
  };
  const timer = setInterval(wake, pollMs);
  timer.unref();

  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
export type WorkLoop = ReturnType<typeof startWorkLoop>;

/**
 * The one loop of its kind in this CMS process (the intake inbox, the mail outbox, the newsletter
 * worker): started in bootstrap, stopped in destroy, and woken by whoever just committed work
 * for it. Every process runs its own; they share the work through row leases.
 */
export function processLoop(
  name: string,
  work: (strapi: Core.Strapi, shouldStop: () => boolean) => Promise<unknown>,
) {
  let loop: WorkLoop | undefined;
  return {
    start(strapi: Core.Strapi, pollMs: number) {
      if (loop) return;
      loop = startWorkLoop(strapi, name, pollMs, (shouldStop) => work(strapi, shouldStop));
      loop.wake(); // whatever a previous run left behind
    },
    async stop() {
      await loop?.stop();
      loop = undefined;
    },
    /** Runs a pass now instead of at the next poll. */
    wake() {
      loop?.wake();
    },
  };
}
