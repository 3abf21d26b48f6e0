#!/usr/bin/env node
/**
 * `npm run bench:boot`: CMS boot time (process start to listening) and idle memory, booted from
 * the compiled dist/ on SQLite, with the node flags `npm start` gives the CMS and on V8's defaults,
 * beside a bare Koa server measured in the same run. BENCH_RUNS (5; 1 with BENCH_SMOKE=1).
 * Goals: boot ≤ 3 s; idle RSS ≤ 280 MB on Node 26 (the runtime issue), ≤ 250 MB (the foundation).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, benchSize, cmsNodeFlags, printGoals } from './lib/harness.mjs';

const RUNS = benchSize('BENCH_RUNS', 5, 1);
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

/** One boot in a process of its own, with the given node flags. */
function measure(mode, flags = []) {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', ...flags, path.join(ROOT, 'bench', 'lib', 'boot-child.cjs'), mode],
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
  const firstBoot = measure('strapi', cmsNodeFlags()); // creates the schema on an empty database
  // Interleaved, so a machine that slows down mid-run weighs on both alike.
  const runs = { flags: [], defaults: [], baseline: [] };
  for (let i = 0; i < RUNS; i++) {
    runs.flags.push(measure('strapi', cmsNodeFlags()));
    runs.defaults.push(measure('strapi'));
    runs.baseline.push(measure('baseline'));
  }
  const summary = (list) => ({
    boot: median(list.map((r) => r.bootMs)),
    rss: median(list.map((r) => r.idleRssMb)),
  });
  const s = summary(runs.flags);
  const d = summary(runs.defaults);
  const b = summary(runs.baseline);
  const row = (label, boot, rss) =>
    `${label.padEnd(34)} ${boot.toFixed(0).padStart(7)} ms ${rss.toFixed(0).padStart(7)} MB`;
  console.log(
    `\nCMS boot from dist/ on SQLite, Node ${process.versions.node}, median of ${RUNS} runs (${os.cpus().length} cores)`,
  );
  console.log(`node flags of the CMS: ${cmsNodeFlags().join(' ') || 'none'}`);
  console.log(row('first boot, empty database', firstBoot.bootMs, firstBoot.idleRssMb));
  console.log(row('boot, existing database', s.boot, s.rss));
  console.log(row('the same on V8 defaults (no flags)', d.boot, d.rss));
  console.log(row('baseline: bare Koa server', b.boot, b.rss));
  console.log(
    `ratio CMS / baseline: boot ${(s.boot / b.boot).toFixed(1)}×, memory ${(s.rss / b.rss).toFixed(1)}×`,
  );
  printGoals('boot', [
    ['boot ≤ 3000 ms', s.boot <= 3000],
    // 280 MB: the runtime issue's goal on Node 26; 250 MB: the foundation's, not met since.
    ['idle RSS ≤ 280 MB', s.rss <= 280],
    ['idle RSS ≤ 250 MB', s.rss <= 250],
  ]);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
