/** Shared pieces of the benchmarks: a CMS in a child process, a fresh database, load loops, stats. */
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CMS_NODE_FLAGS } from '../../scripts/lib/cms-node-flags.mjs';
import { packageBin } from '../../scripts/lib/package-bin.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * BENCH_SMOKE=1 runs a benchmark at a few hundred items, as CI does, so that a change that breaks
 * one fails there; at that size no goal is judged.
 */
export const SMOKE = process.env.BENCH_SMOKE === '1';

/**
 * The node flags a benchmark's CMS process runs with: those `npm start` gives the CMS, unless
 * BENCH_CMS_NODE_FLAGS names others ("" for V8's defaults), to measure what they change.
 */
export const cmsNodeFlags = () =>
  process.env.BENCH_CMS_NODE_FLAGS === undefined
    ? CMS_NODE_FLAGS
    : process.env.BENCH_CMS_NODE_FLAGS.split(' ').filter(Boolean);

/** A size: its variable when set, else the smoke or the full default. */
export const benchSize = (variable, full, smoke) => Number(process.env[variable] ?? (SMOKE ? smoke : full));

/** Prints the goals as met or not, each [text, met]; at the smoke size it says they are not judged. */
export function printGoals(label, goals) {
  if (SMOKE) return console.log(`goal (${label}): not judged at the smoke size`);
  console.log(
    `goal (${label}): ${goals.map(([text, met]) => `${text} ${met ? 'met' : 'NOT met'}`).join(', ')}`,
  );
}

export function compileCms() {
  const tsc = packageBin(ROOT, 'typescript', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'shared', 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  execFileSync(process.execPath, [path.join(ROOT, 'cms', 'scripts', 'build-dist.js')], { stdio: 'inherit' });
}

/** The kernel's dirty pages written out, so that their writeback is not in a measured phase. */
function syncDisks() {
  execFileSync('sync');
}

/**
 * A throw-away database: SQLite in a temp dir, or a new database on DATABASE_URL's server.
 * `settle()` before a measured phase: the same quiet disk for every run, whatever ran before it.
 */
export async function freshDatabase(serverUrl) {
  if (serverUrl) {
    const name = `tasteget_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      label: 'PostgreSQL',
      env: { DATABASE_URL: url.toString() },
      async settle() {
        // As pgbench does before a run: what autovacuum would do to the tables the earlier phases
        // filled, done now. Then the writes of earlier phases and runs (a dropped database, a fold,
        // a schema) are flushed, and the next timed checkpoint is checkpoint_timeout away: none of
        // it lands in the phase measured next.
        const c = new pg.Client({ connectionString: url.toString() });
        await c.connect();
        try {
          await c.query('VACUUM (ANALYZE)');
          await c.query('CHECKPOINT').catch((error) => {
            if (error.code !== '42501') throw error;
            // Neither superuser nor pg_checkpoint: measured without it, and said so.
            console.log('settle: this user may not CHECKPOINT; runs may see earlier runs’ writes');
          });
        } finally {
          await c.end();
        }
        syncDisks();
      },
      async drop() {
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tasteget-bench-'));
  return {
    label: 'SQLite',
    env: { DATABASE_FILENAME: path.join(dir, 'bench.db'), DATABASE_URL: '' },
    async settle() {
      syncDisks();
    },
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts bench/lib/cms-server.cjs and resolves with {url, adminToken, call, stop}: `call(op, args)`
 * asks that CMS process to count or create documents with its document service.
 */
export function startCms(env) {
  const child = fork(path.join(ROOT, 'bench', 'lib', 'cms-server.cjs'), [], {
    execArgv: cmsNodeFlags(),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      STRAPI_TELEMETRY_DISABLED: 'true',
      SEED_ON_EMPTY: 'false',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map();
  let sequence = 0;
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`CMS exited with ${code}`)));
    child.on('message', (message) => {
      if (message.ready) {
        resolve({
          ...message.ready,
          call: (op, args) =>
            new Promise((answer, fail) => {
              const id = ++sequence;
              pending.set(id, { answer, fail });
              child.send({ id, op, ...args });
            }),
          stop: () =>
            new Promise((r) => {
              child.removeAllListeners('exit');
              child.once('exit', r);
              child.kill('SIGTERM');
            }),
        });
        return;
      }
      const request = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) request?.fail(new Error(message.error));
      else request?.answer(message.result);
    });
  });
}

/** Runs `total` requests over `connections` concurrent loops; returns latencies and elapsed ms. */
export async function load(total, connections, request) {
  const latencies = [];
  const statuses = new Map();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        const status = await request(i);
        latencies.push(performance.now() - t);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return { elapsedMs: performance.now() - started, latencies, statuses };
}

export function summarize({ elapsedMs, latencies, statuses }) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return {
    rps: (latencies.length / elapsedMs) * 1000,
    p50: pct(50),
    p99: pct(99),
    statuses: Object.fromEntries(statuses),
  };
}

/**
 * The same sink in a child process (bench/lib/smtp-sink.cjs): `stats()` resolves with
 * {received, peakRssMb, cpuMs}, `reset()` answers the same and then zeroes the count, `close()` ends it.
 */
export async function startSmtpSinkProcess() {
  const child = fork(path.join(ROOT, 'bench', 'lib', 'smtp-sink.cjs'), [], { stdio: 'inherit' });
  const reply = () => new Promise((resolve) => child.once('message', resolve));
  const { port } = await reply();
  const ask = (what) => {
    const answer = reply();
    child.send(what);
    return answer;
  };
  return {
    port,
    stats: () => ask('stats'),
    reset: () => ask('reset'),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.send('close');
      }),
  };
}
