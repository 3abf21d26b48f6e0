'use strict';
/**
 * A CMS for benchmarks, in its own process (forked with an IPC channel): boots the built dist/,
 * creates a Super Admin and logs it in through the real admin API, sends {ready: {url, adminToken}}
 * and then answers the benchmark's requests for work done through the CMS itself, with the document
 * service, until SIGTERM:
 * - {id, op: 'count', uid, filters}: how many documents match;
 * - {id, op: 'create', uid, status, documents}: creates them (published when status says so);
 * - {id, op: 'documentIds', uid, filters}: the documentIds of the matches;
 * - {id, op: 'peakRss'}: this process's peak resident memory so far, in MB;
 * - {id, op: 'resetPeakRss'}: starts the peak over from the memory resident now (Linux's
 *   clear_refs), so that a phase's peak is not its boot's, and answers the resident MB.
 * Each answer is {id, result} or {id, error}.
 */
const fs = require('node:fs');
const { bootStrapi } = require('../../cms/scripts/headless.js');

const ADMIN = { email: 'bench@tasteget.local', password: 'Benchmark2026!' };
const CREATE_CONCURRENCY = 4;

async function adminToken(strapi, url) {
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  // A second process on the same database logs in as the first one's admin.
  const existing = await strapi.db.query('admin::user').findOne({ where: { email: ADMIN.email } });
  if (!existing)
    await strapi.service('admin::user').create({
      ...ADMIN,
      firstname: 'Bench',
      isActive: true,
      registrationToken: null,
      roles: [superAdmin.id],
    });
  const res = await fetch(`${url}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (res.status !== 200) throw new Error(`admin login: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()).data.token;
}

async function create(strapi, { uid, status, documents }) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CREATE_CONCURRENCY }, async () => {
      while (next < documents.length) {
        const data = documents[next++];
        await strapi.documents(uid).create({ data, ...(status ? { status } : {}) });
      }
    }),
  );
  return documents.length;
}

const operations = {
  count: (strapi, { uid, filters }) => strapi.documents(uid).count({ filters }),
  create,
  documentIds: async (strapi, { uid, filters }) =>
    (await strapi.documents(uid).findMany({ filters, fields: ['documentId'], limit: 100_000 })).map(
      (d) => d.documentId,
    ),
  peakRss: () => process.resourceUsage().maxRSS / 1024,
  resetPeakRss: () => {
    // "5" resets the peak resident set size (VmHWM, and getrusage's maxrss with it); Linux ≥ 4.0.
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return process.memoryUsage().rss / 1048576;
  },
};

(async () => {
  const strapi = await bootStrapi({ listen: true, logLevel: 'error' });
  const { port } = strapi.server.httpServer.address();
  const url = `http://127.0.0.1:${port}`;
  process.on('message', async ({ id, op, ...args }) => {
    try {
      const operation = operations[op];
      if (!operation) throw new Error(`unknown operation ${op}`);
      process.send({ id, result: await operation(strapi, args) });
    } catch (error) {
      process.send({ id, error: String(error?.stack ?? error) });
    }
  });
  process.send({ ready: { url, adminToken: await adminToken(strapi, url) } });
  // Strapi itself destroys the app and exits on SIGTERM and SIGINT.
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
