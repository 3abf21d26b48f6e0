#!/usr/bin/env node
/**
 * `npm run bench:register`: the guides' and the coordinator's views on a generated register of
 * 100,000 contacts and 1,000,000 activities (BENCH_CONTACTS, BENCH_ACTIVITIES), through the real
 * admin API of the built CMS, beside the Content Manager's own contact list (the baseline, measured
 * in the same run). SQLite, and PostgreSQL when DATABASE_URL names a server. BENCH_SMOKE=1: 300
 * contacts, 3,000 activities, 3 runs per view.
 * Goal: every view ≤ 200 ms (p95).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, SMOKE, benchSize, compileCms, freshDatabase, printGoals, startCms } from './lib/harness.mjs';

const RUNS = benchSize('BENCH_RUNS', 15, 3);
const CONTACTS = benchSize('BENCH_CONTACTS', 100_000, 300);
const ACTIVITIES = benchSize('BENCH_ACTIVITIES', 1_000_000, 3000);
const GOAL_MS = 200;
const QUEUES = [
  'berg',
  'bracke',
  'harjedalen',
  'krokom',
  'ragunda',
  'stromsund',
  'are',
  'ostersund',
  'region',
];

compileCms();

function seed(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench', 'lib', 'register-seed.cjs')], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        STRAPI_TELEMETRY_DISABLED: 'true',
        SEED_ON_EMPTY: 'false',
        BENCH_CONTACTS: String(CONTACTS),
        BENCH_ACTIVITIES: String(ACTIVITIES),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)))
        : reject(new Error(`seed exited ${code}`)),
    );
  });
}

async function time(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function measure(name, request) {
  await request(0);
  await request(1); // warm-up
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await time(() => request(i)));
  times.sort((a, b) => a - b);
  return {
    name,
    p50: times[Math.floor(RUNS / 2)],
    p95: times[Math.min(RUNS - 1, Math.ceil(RUNS * 0.95) - 1)],
  };
}

const databases = process.env.DATABASE_URL ? [undefined, process.env.DATABASE_URL] : [undefined];
for (const serverUrl of databases) {
  const db = await freshDatabase(serverUrl);
  try {
    // The first boot creates the schema; the seed fills it; the measured CMS boots on the result.
    const schema = await startCms(db.env);
    await schema.stop();
    const seeded = await seed(db.env);
    console.log(
      `\n${db.label}: ${seeded.contacts} contacts, ${seeded.activities} activities generated in ${seeded.seconds.toFixed(0)} s`,
    );
    const cms = await startCms(db.env);
    try {
      await run(cms);
    } finally {
      await cms.stop();
    }
  } finally {
    await db.drop();
  }
}

async function run(cms) {
  const login = await fetch(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'bench.coordinator@example.se', password: 'Benchlosen2026!' }),
  });
  const { token } = (await login.json()).data;
  const get = async (url) => {
    const res = await fetch(`${cms.url}${url}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res;
  };
  const list = await (
    await get('/content-manager/collection-types/api::contact.contact?page=1&pageSize=100')
  ).json();
  const contactIds = list.results.map((c) => c.documentId);
  const year = new Date().getFullYear();

  const row = (v, goal) =>
    `${v.name.padEnd(52)} p50 ${v.p50.toFixed(1).padStart(8)} ms   p95 ${v.p95.toFixed(1).padStart(8)} ms   ${(v.p95 / baseline.p95).toFixed(2).padStart(7)}× baseline${goal && !SMOKE ? (v.p95 <= GOAL_MS ? '   ✓' : `   ✗ over ${GOAL_MS} ms`) : ''}`;
  const baseline = await measure('Content Manager: contact list, page 1 (baseline)', () =>
    get('/content-manager/collection-types/api::contact.contact?page=1&pageSize=10&sort=firstName:ASC').then(
      (r) => r.arrayBuffer(),
    ),
  );
  console.log(row(baseline, false));
  const views = [];
  const view = async (name, request) => {
    const result = await measure(name, request);
    console.log(row(result, true));
    views.push(result);
  };
  await view('Queue of a municipality (all nine in turn)', (i) =>
    get(`/tasteget/queue?queue=${QUEUES[i % QUEUES.length]}`).then((r) => r.arrayBuffer()),
  );
  await view('Contact card dialog', (i) =>
    get(`/tasteget/contacts/${contactIds[i % contactIds.length]}/dialog`).then((r) => r.arrayBuffer()),
  );
  await view('KPIs, one quarter', () =>
    get(`/tasteget/kpis?from=${year - 1}-07-01&to=${year - 1}-09-30`).then((r) => r.arrayBuffer()),
  );
  await view('KPIs, one year', () =>
    get(`/tasteget/kpis?from=${year - 1}-01-01&to=${year - 1}-12-31`).then((r) => r.arrayBuffer()),
  );
  await view('KPIs, the whole register (six years)', () =>
    get(`/tasteget/kpis?from=${year - 6}-01-01&to=${year}-12-31`).then((r) => r.arrayBuffer()),
  );
  await view('Quarterly report (CSV)', () =>
    get(`/tasteget/reports/quarterly?year=${year - 1}&quarter=3&format=csv`).then((r) => r.arrayBuffer()),
  );
  // The yearly purge's dry run is a batch job, not a view: measured once, outside the goal.
  const purgeMs = await time(() => get('/tasteget/care/purge').then((r) => r.arrayBuffer()));
  console.log(`${'Purge dry run (yearly batch, once)'.padEnd(52)} ${purgeMs.toFixed(0)} ms`);
  printGoals('views', [[`every view ≤ ${GOAL_MS} ms (p95)`, views.every((v) => v.p95 <= GOAL_MS)]]);
}
