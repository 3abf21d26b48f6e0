/**
 * The V8 flags the long-running CMS processes run with, and the benchmarks that measure them.
 * None is a limit: a process that needs more heap gets it.
 *
 * The server (`npm start`): a young generation of at most 4 MB per semi-space (Node 22+ sizes it
 * from the machine's memory, and what boot used of it stays committed); an old space that starts at
 * 128 MB, about what a booted CMS holds, and then grows by 20 % at a time instead of V8's larger
 * steps. Growing by 20 % from the start cost boot a dozen major GCs (about 0.4 s); starting at
 * 128 MB costs it none. `npm run bench:boot` on Node 26: idle RSS 337 -> 266 MB, boot unchanged.
 */
export const CMS_NODE_FLAGS = [
  '--max-semi-space-size=4',
  '--initial-old-space-size=128',
  '--heap-growing-percent=20',
];

/**
 * The newsletter worker and sender (their npm scripts, held equal to this by a unit test): the
 * same without the 128 MB start, which let a sending worker's old space fill with garbage before
 * its first major GC (`npm run bench:newsletter`, 100,000 recipients on Node 26: peak RSS 405 MB
 * with it, 323 MB without).
 */
export const NEWSLETTER_WORKER_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=20'];
