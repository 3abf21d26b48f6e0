/**
 * The V8 flags every long-running CMS process runs with: the server (`npm start`), the newsletter
 * worker and sender (their npm scripts, held equal to this by a unit test), and the benchmarks that
 * measure them. Neither is a limit: a process that needs more heap gets it.
 * - A young generation of at most 4 MB per semi-space: Node 22+ sizes it from the machine's memory,
 *   and it stays committed after boot.
 * - The heap grows by 20 % at a time instead of V8's default factor, so it stays near what is used.
 * Measured with `npm run bench:boot` on Node 26: idle RSS 338 -> about 265 MB; see the README.
 */
export const CMS_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=20'];
