import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processLoop } from '../../cms/src/platform/work-loop';
import { requestUser } from '../../cms/src/platform/request-user';
import { startStrapi, type TestStrapi } from '../support/strapi';

/**
 * A background loop woken from a request (an admin's "Skicka", a visitor's registration) works in
 * the context it was started in, not the request's: its writes are the platform's, never
 * attributed to the admin user who happened to wake it.
 */
let app: TestStrapi;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
});

describe('work loop', () => {
  it('runs a pass woken inside an admin request outside that request', async () => {
    const seen: unknown[] = [];
    const passes: (() => void)[] = [];
    const pass = (n: number) => new Promise<void>((resolve) => (passes[n] = resolve));
    const first = pass(0);
    const second = pass(1);
    const loop = processLoop('test', async (strapi) => {
      seen.push(requestUser(strapi));
      passes[seen.length - 1]?.();
    });
    loop.start(app.strapi, 60_000); // the first pass, from here
    await first;
    await new Promise((resolve) => setTimeout(resolve, 50)); // the pass has ended: a wake starts one
    const requestContext = app.strapi.requestContext as unknown as {
      run(store: unknown, callback: () => void): void;
    };
    requestContext.run({ state: { user: { id: 7, email: 'guide@example.se' } } }, () => {
      expect(requestUser(app.strapi)?.id).toBe(7);
      loop.wake();
    });
    await second;
    await loop.stop();
    expect(seen).toEqual([undefined, undefined]);
  });
});
