// Import rules, checked by `npm run check` (depcruise) and tested against a deliberately bad tree
// in test/fixtures/bad-layers. Layers, bottom first; each may import only from those below it:
//   shared/  <-  newsletter/  <-  cms/src/platform/  <-  cms/src/<feature>/  <-  wiring
// Features: contacts, intake, mail, workspace, newsletter, content. Wiring: cms/src/index.ts,
// bootstrap/, seed/, api/ and middlewares/ (Strapi's own places), cms/config and cms/scripts.
// The admin panel (cms/src/admin) sits with the wiring. The portal (site/) reads shared/ only.
const FEATURES = '(contacts|intake|mail|workspace|newsletter|content)';
const WIRING = '^cms/(src/(index[.]ts|bootstrap|seed|api|middlewares|admin)|config|scripts)(/|$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: split the module both sides need (types included).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-the-bottom',
      comment: 'shared/ is used by every part and imports none of them.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(cms|newsletter|site)/' },
    },
    {
      name: 'newsletter-below-cms',
      comment: 'The newsletter package renders and sends; it knows nothing of Strapi or the portal.',
      severity: 'error',
      from: { path: '^newsletter/' },
      to: { path: '^(cms|site)/' },
    },
    {
      name: 'platform-below-features',
      comment: 'cms/src/platform is what every feature builds on; it imports no feature.',
      severity: 'error',
      from: { path: '^cms/src/platform/' },
      to: { path: `^cms/src/${FEATURES}/|${WIRING}` },
    },
    {
      name: 'features-below-wiring',
      comment: 'Only the wiring knows every feature; a feature never imports it.',
      severity: 'error',
      from: { path: `^cms/src/${FEATURES}/` },
      to: { path: WIRING },
    },
    {
      name: 'portal-reads-shared-only',
      comment: 'The portal is built from the CMS over HTTP; it shares code through shared/ only.',
      severity: 'error',
      from: { path: '^site/' },
      to: { path: '^(cms|newsletter)/' },
    },
    {
      name: 'no-tests-in-production',
      comment: 'Running code never imports tests, fixtures or benchmarks.',
      severity: 'error',
      from: { path: '^(cms|shared|newsletter|site)/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // shared/ and newsletter/ are read through their built dist/, as every importer gets them.
    exclude: {
      path: '^(dist|cms/dist|cms/build|test/fixtures)/|(^|/)(generated|[.]strapi|[.]cache|[.]tmp)/',
    },
    // Type-only imports count: a cycle through types is still a cycle to read.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mjs', '.cjs', '.js', '.d.ts', '.json'],
    },
  },
};
