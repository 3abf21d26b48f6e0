// One free-port picker for tests, benchmarks and the harness's servers.
export { freePort } from '../../scripts/lib/ports.mjs';
