'use strict';
/** `npm run seed`: creates whatever demo content is missing (idempotent) and prints what it made. */
const { bootStrapi } = require('./headless');

(async () => {
  // The seed is run explicitly below, so the on-empty seed of the bootstrap stays out of the way.
  process.env.SEED_ON_EMPTY = 'false';
  const strapi = await bootStrapi({ logLevel: 'warn' });
  try {
    const { seedDemoContent } = require('../dist/src/seed/run');
    const report = await seedDemoContent(strapi);
    const created = Object.entries(report);
    console.log(
      created.length === 0
        ? 'Seed: everything was already there, nothing created.'
        : `Seed: created ${created.map(([type, n]) => `${n} ${type}`).join(', ')}.`,
    );
  } finally {
    await strapi.destroy();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
