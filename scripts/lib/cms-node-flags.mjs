/**
 * The V8 flags every long-running CMS process runs with: the server (`npm start`), the newsletter
 * worker and sender (their npm scripts, held equal to this by a unit test), and the benchmarks that
 * measure them. None is a limit: a process that needs more heap gets it.
 * - A young generation of at most 4 MB per semi-space: Node 22+ sizes it from the machine's memory,
 *   and what boot used of it stays committed.
 * - The old space starts at 128 MB, about what a booted CMS holds, and then grows by 20 % at a time
 *   instead of V8's larger steps. Growing by 20 % from the start costs boot a dozen major GCs
 *   (about 0.4 s); starting at 128 MB costs it none.
 * Measured with `npm run bench:boot` on Node 26 (flags and V8 defaults in one run): idle RSS 340 ->
 * 271 MB, boot 3.63 -> 3.65 s.
 */
export const CMS_NODE_FLAGS = [
  '--max-semi-space-size=4',
  '--initial-old-space-size=128',
  '--heap-growing-percent=20',
];
