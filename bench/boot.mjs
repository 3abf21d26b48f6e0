#!/usr/bin/env node
/**
 * `npm run bench:boot`: CMS boot time (process start to listening) and idle memory, booted from
 * the compiled dist/ on SQLite, beside a bare Koa server measured in the same run.
 * Goal: boot ≤ 3 s, idle RSS ≤ 250 MB.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
execFileSync(process.execPath, [path.join(ROOT, 'cms', 'scripts', 'build-dist.js')], { stdio: 'inherit' });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tasteget-bench-boot-'));
const env = {
  ...process.env,
  NODE_ENV: 'development',
  STRAPI_TELEMETRY_DISABLED: 'true',
  SEED_ON_EMPTY: 'false',
  PORT: '0',
  DATABASE_FILENAME: path.join(dir, 'bench.db'),
};

function measure(mode) {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', path.join(ROOT, 'bench', 'lib', 'boot-child.cjs'), mode],
    {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out.trim().split('\n').pop());
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const firstBoot = measure('strapi'); // creates the schema on an empty database
  const strapiRuns = Array.from({ length: RUNS }, () => measure('strapi'));
  const baselineRuns = Array.from({ length: RUNS }, () => measure('baseline'));

  const s = {
    boot: median(strapiRuns.map((r) => r.bootMs)),
    rss: median(strapiRuns.map((r) => r.idleRssMb)),
  };
  const b = {
    boot: median(baselineRuns.map((r) => r.bootMs)),
    rss: median(baselineRuns.map((r) => r.idleRssMb)),
  };
  const row = (label, boot, rss) =>
    `${label.padEnd(34)} ${boot.toFixed(0).padStart(7)} ms ${rss.toFixed(0).padStart(7)} MB`;
  console.log(`\nCMS boot from dist/ on SQLite, median of ${RUNS} runs (${os.cpus().length} cores)`);
  console.log(row('first boot, empty database', firstBoot.bootMs, firstBoot.idleRssMb));
  console.log(row('boot, existing database', s.boot, s.rss));
  console.log(row('baseline: bare Koa server', b.boot, b.rss));
  console.log(
    `ratio CMS / baseline: boot ${(s.boot / b.boot).toFixed(1)}×, memory ${(s.rss / b.rss).toFixed(1)}×`,
  );
  console.log(
    `goal: boot ≤ 3000 ms ${s.boot <= 3000 ? 'met' : 'NOT met'}, idle RSS ≤ 250 MB ${s.rss <= 250 ? 'met' : 'NOT met'}`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
