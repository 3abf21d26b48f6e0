#!/usr/bin/env node
/**
 * `npm run bench:newsletter`: a campaign to BENCH_RECIPIENTS (100,000) generated subscribers, end
 * to end in one headless CMS process (freeze, render, send through the worker to a local SMTP sink
 * that discards), beside a raw nodemailer pooled send of the same pre-rendered message measured in
 * the same run; then the same campaign again through a separate `newsletter:worker` process, and on
 * PostgreSQL through two such processes at once (none lost, none twice: the sink counts).
 * Prints msg/s, the ratios and peak RSS (Linux: the worker process's from /proc). SQLite, or
 * PostgreSQL when DATABASE_URL names a server. BENCH_SMOKE=1: 300 recipients. The worker process
 * runs with the node flags of `npm run newsletter:worker`; BENCH_WORKER_NODE_OPTIONS sets its
 * NODE_OPTIONS.
 * Goal (issue 6): 100k in ≤ 60 s on 2 cores, ≥ 0.9× the raw send, RSS ≤ 300 MB.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  benchSize,
  compileCms,
  freshDatabase,
  printGoals,
  ROOT,
  startSmtpSinkProcess,
} from './lib/harness.mjs';

const TOTAL = benchSize('BENCH_RECIPIENTS', 100_000, 300);
/** The node flags `npm run newsletter:worker` starts the worker with: what is measured is what runs. */
const WORKER_NODE_FLAGS = (() => {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts[
    'newsletter:worker'
  ];
  const flags = /\bnode((?: --[^\s]+)*) cms\/scripts\/newsletter-worker\.js/.exec(script);
  if (!flags) throw new Error(`Cannot find the worker's node command in "${script}"`);
  return flags[1].split(' ').filter(Boolean);
})();
const require = createRequire(import.meta.url);

compileCms();

// The sink runs in its own process: this one is the sender (Strapi and the worker), measured alone.
const sink = await startSmtpSinkProcess();

const db = await freshDatabase(process.env.DATABASE_URL || undefined);
Object.assign(process.env, {
  ...db.env,
  NODE_ENV: 'development',
  SEED_ON_EMPTY: 'false',
  NEWSLETTER_WORKER: 'false',
  SMTP_PORT: String(sink.port),
  NEWSLETTER_BATCH_SIZE: process.env.NEWSLETTER_BATCH_SIZE ?? '200',
  // Ten connections to the relay, for the worker and the raw send alike (the default is five).
  NEWSLETTER_POOL_SIZE: process.env.NEWSLETTER_POOL_SIZE ?? '10',
});
const { bootStrapi } = require(path.join(ROOT, 'cms', 'scripts', 'headless.js'));
const strapi = await bootStrapi({ logLevel: 'error' });
const dist = (name) => require(path.join(ROOT, 'cms', 'dist', 'src', 'newsletter', name));
const { freezeCampaign } = dist('freeze.js');
const { sendQueued } = dist('send-batch.js');
const { workerConfig } = dist('config.js');
const { campaignProgress } = dist('campaign-status.js');
const { compile, deliveryMessage } = dist('render.js');
const { loadCampaign } = dist('campaign-content.js');
const { createNewsletterTransport } = require('@tasteget/newsletter');

/**
 * Freezes the campaign anew and sends it with `count` newsletter:worker processes at once, from
 * their spawn (boot included) until the campaign is sent. Every recipient gets exactly one mail.
 */
async function sendWithWorkerProcesses(count, createCampaign) {
  const campaign = await createCampaign();
  await freezeCampaign(strapi, campaign.documentId);
  const started = performance.now();
  const children = Array.from({ length: count }, () =>
    spawn(
      process.execPath,
      [...WORKER_NODE_FLAGS, path.join(ROOT, 'cms', 'scripts', 'newsletter-worker.js')],
      {
        env: {
          ...process.env,
          NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS ?? process.env.NODE_OPTIONS ?? '',
          NEWSLETTER_WORKER: 'true',
          NEWSLETTER_POLL_MS: '200',
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    ),
  );
  let peakRssMb = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    for (const child of children) {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peakRssMb = Math.max(peakRssMb, Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024));
    }
    if ((await campaignProgress(strapi, campaign.documentId)).status === 'sent') break;
  }
  const ms = performance.now() - started;
  await Promise.all(
    children.map((child) => {
      child.kill('SIGTERM');
      return new Promise((r) => child.once('exit', r));
    }),
  );
  const { received } = await sink.reset();
  if (received !== TOTAL) {
    throw new Error(`${count} worker process(es): expected ${TOTAL} received, got ${received}`);
  }
  return { ms, peakRssMb };
}

try {
  // Generated subscribers (not timed).
  const SUBSCRIPTION = 'api::newsletter-subscription.newsletter-subscription';
  for (let i = 0; i < TOTAL; i += 1000) {
    const now = new Date();
    await strapi.db.query(SUBSCRIPTION).createMany({
      data: Array.from({ length: Math.min(1000, TOTAL - i) }, (_, j) => ({
        email: `mottagare${i + j}@bench.example`,
        subscriptionStatus: 'confirmed',
        language: 'sv',
        municipalities: ['are'],
        interests: [],
        bounceCount: 0,
        unsubscribeToken: `bench-token-${String(i + j).padStart(28, '0')}`,
        publishedAt: now,
      })),
    });
  }
  // createMany writes no relations: each row to the county newsletter, as the migration links them.
  await require(
    path.join(ROOT, 'cms', 'dist', 'src', 'contacts', 'newsletters.js'),
  ).everyoneOnTheCountyNewsletter(strapi);
  const createCampaign = () =>
    strapi.documents('api::newsletter-campaign.newsletter-campaign').create({
      data: {
        subject: 'Nyheter från Åre',
        language: 'sv',
        audience: 'subscribers',
        segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['are'] }] },
        blocks: [
          {
            __component: 'newsletter.intro-text',
            heading: 'Hej från fjällen',
            text: 'Älgar, fjäll och blåbär. '.repeat(20),
          },
          { __component: 'shared.cta', buttonLabel: 'Läs mer', url: '/berattelser/' },
        ],
      },
    });
  const campaign = await createCampaign();
  const config = workerConfig();

  const sinkAtStart = await sink.stats();
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  const frozen = await freezeCampaign(strapi, campaign.documentId);
  const frozenAt = performance.now();
  await sendQueued(strapi, config);
  const sentAt = performance.now();
  const workerCpu = process.cpuUsage(cpuAtStart);
  const workerPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const progress = await campaignProgress(strapi, campaign.documentId);
  const { received, peakRssMb: sinkPeakRssMb, cpuMs: sinkAfterWorker } = await sink.reset();
  if (progress.sent !== TOTAL || received !== TOTAL) {
    throw new Error(`Expected ${TOTAL} sent, got ${progress.sent} marked and ${received} received`);
  }

  // The raw send: one pre-rendered message, the same pool, no database.
  const compiled = await compile(strapi, await loadCampaign(strapi, campaign.documentId), config.identity);
  const message = deliveryMessage(
    compiled,
    config.identity,
    { profile: { firstName: 'Anna', municipalities: ['are'] } },
    'mottagare@bench.example',
    '<bench@tasteget.local>',
    'bench-token-0000000000000000000000000000',
  );
  const transport = createNewsletterTransport(config.sender);
  let next = 0;
  const rawCpuAtStart = process.cpuUsage();
  const rawStarted = performance.now();
  await Promise.all(
    Array.from({ length: config.sender.NEWSLETTER_POOL_SIZE }, async () => {
      while (next++ < TOTAL) await transport.sendMail(message);
    }),
  );
  const rawMs = performance.now() - rawStarted;
  const rawCpu = process.cpuUsage(rawCpuAtStart);
  transport.close();
  const { received: rawReceived, cpuMs: sinkAfterRaw } = await sink.reset();
  if (rawReceived !== TOTAL) throw new Error(`Raw send: expected ${TOTAL} received, got ${rawReceived}`);

  // The same campaign again, frozen here and sent by a separate `npm run newsletter:worker`
  // process (the deployed shape): its own time from spawn, boot included, and its own peak RSS.
  const single = await sendWithWorkerProcesses(1, createCampaign);
  // On PostgreSQL, the deployed shape of several machines: two worker processes share one campaign.
  const pair = db.label.startsWith('PostgreSQL') ? await sendWithWorkerProcesses(2, createCampaign) : null;

  const endToEndMs = sentAt - started;
  const rate = (n, ms) => Math.round((n / ms) * 1000);
  console.log(
    `\nNewsletter, ${db.label}, ${TOTAL} recipients, pool ${config.sender.NEWSLETTER_POOL_SIZE}, batch ${config.batchSize}, sending threads ${config.sender.NEWSLETTER_SEND_THREADS}:`,
  );
  console.log(
    `  freeze (select + ${frozen.recipientCount} deliveries): ${((frozenAt - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    `  send through the worker:                    ${((sentAt - frozenAt) / 1000).toFixed(1)} s, ${rate(TOTAL, sentAt - frozenAt)} msg/s`,
  );
  console.log(
    `  end to end:                                 ${(endToEndMs / 1000).toFixed(1)} s, ${rate(TOTAL, endToEndMs)} msg/s`,
  );
  console.log(
    `  raw nodemailer pooled send:                 ${(rawMs / 1000).toFixed(1)} s, ${rate(TOTAL, rawMs)} msg/s`,
  );
  // CPU of this process (all its threads) per mail: on 2 cores, what the sender costs decides the rate.
  const cpuPerMail = ({ user, system }) => ((user + system) / 1000 / TOTAL).toFixed(2);
  console.log(
    `  CPU per mail in the sending process:        ${cpuPerMail(workerCpu)} ms end to end, ${cpuPerMail(rawCpu)} ms raw`,
  );
  const sinkPerMail = (ms) => (ms / TOTAL).toFixed(2);
  console.log(
    `  CPU per mail in the SMTP sink:               ${sinkPerMail(sinkAfterWorker - sinkAtStart.cpuMs)} ms end to end, ${sinkPerMail(sinkAfterRaw - sinkAfterWorker)} ms raw`,
  );
  console.log(`  end to end / raw:                           ${(rawMs / endToEndMs).toFixed(2)}×`);
  console.log(
    `  newsletter:worker process, boot included:   ${(single.ms / 1000).toFixed(1)} s, ${rate(TOTAL, single.ms)} msg/s (${(rawMs / single.ms).toFixed(2)}× raw), peak RSS ${single.peakRssMb} MB (node ${WORKER_NODE_FLAGS.join(' ') || 'defaults'})`,
  );
  if (pair) {
    console.log(
      `  two worker processes, one campaign:         ${(pair.ms / 1000).toFixed(1)} s, ${rate(TOTAL, pair.ms)} msg/s (${(single.ms / pair.ms).toFixed(2)}× one process), peak RSS ${pair.peakRssMb} MB each at most`,
    );
    console.log(
      '  (two cores: the two workers share them with PostgreSQL and the SMTP sink, so a second process adds no CPU; see docs/deployment.md)',
    );
  }
  console.log(`  peak RSS, Strapi + worker process:          ${workerPeakRssMb} MB (seeding included)`);
  console.log(`  peak RSS, SMTP sink process:                ${sinkPeakRssMb} MB`);
  printGoals(db.label, [
    ['100k ≤ 60 s', TOTAL >= 100_000 && endToEndMs <= 60_000],
    ['≥ 0.9× raw', rawMs / endToEndMs >= 0.9],
    ['worker process RSS ≤ 300 MB', single.peakRssMb <= 300],
  ]);
} finally {
  await strapi.destroy();
  await db.drop();
  await sink.close();
}
