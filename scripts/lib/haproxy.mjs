import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports.mjs';

/**
 * A real reverse proxy in front of several CMS processes, for the tests and benchmarks: Debian's
 * HAProxy, started with a throw-away configuration. Least connections (a process busy with a slow
 * request or a garbage collection gets the next one last), a health check on Strapi's
 * `/_health` every 300 ms (two failures take a process out), and a request that could not reach a
 * process (connection refused) sent to the other one: what a region's load balancer does.
 * Requests that reached a process are never retried by the proxy, because a form post is not
 * idempotent for it.
 */
export const HAPROXY = '/usr/sbin/haproxy';

/**
 * @param {number[]} backends the CMS processes' ports
 * @returns {Promise<{ url: string, stop(): Promise<void> }>}
 */
export async function startHaproxy(backends) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tasteget-haproxy-'));
  const port = await freePort();
  const config = [
    'global',
    '  maxconn 2000',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // A check answered late is a busy process, not a dead one. With the check timing out at the
    // 300 ms interval, one late answer took a loaded process out of rotation.
    '  timeout check 2s',
    '  retries 2',
    '  option redispatch',
    '  retry-on conn-failure',
    'frontend portal',
    `  bind 127.0.0.1:${port}`,
    '  option forwardfor',
    '  default_backend cms',
    'backend cms',
    '  balance leastconn',
    '  option httpchk GET /_health',
    '  http-check expect status 204',
    ...backends.map((p, i) => `  server cms${i + 1} 127.0.0.1:${p} check inter 300 fall 2 rise 2`),
    '',
  ].join('\n');
  const file = path.join(dir, 'haproxy.cfg');
  await fs.writeFile(file, config);
  // -db: stay in the foreground, so the caller owns the process.
  const child = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk.toString()));
  child.stderr.on('data', (chunk) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited: ${output}`);
    const answered = await fetch(`${url}/_health`).then(
      (res) => res.status === 204,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) throw new Error(`haproxy did not answer: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
