import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageBin } from '../../scripts/lib/package-bin.mjs';
import { ROOT } from '../support/paths';

/**
 * The import rules `npm run check` enforces, run on a tree that breaks each of them once
 * (test/fixtures/bad-layers): every rule must fire exactly where the tree breaks it, and a module
 * that keeps the rules must pass. A rule added to the configuration without a breach here fails.
 */
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const FIXTURE = path.join(ROOT, 'test/fixtures/bad-layers');
const ruleNames: string[] = (
  createRequire(import.meta.url)(CONFIG) as { forbidden: { name: string }[] }
).forbidden.map((rule) => rule.name);

type Violation = { rule: { name: string }; from: string; to: string; cycle?: { name: string }[] };

async function cruiseFixture(): Promise<Violation[]> {
  const bin = packageBin(ROOT, 'dependency-cruiser', 'depcruise');
  const args = [
    bin,
    '--config',
    CONFIG,
    '--output-type',
    'json',
    'shared',
    'newsletter',
    'cms',
    'site',
    'test',
  ];
  // depcruise exits with the number of errors found: here that is expected, so read stdout either way.
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: FIXTURE }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('import rules (.dependency-cruiser.cjs)', () => {
  it('fires every rule where the bad tree breaks it, and nowhere else', async () => {
    const violations = await cruiseFixture();
    const found = violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
    expect(found).toEqual(
      [
        'shared-is-the-bottom: shared/src/vocabulary.ts -> cms/src/platform/content-types.ts',
        'newsletter-below-cms: newsletter/src/render.ts -> cms/src/mail/outbox.ts',
        'platform-below-features: cms/src/platform/content-types.ts -> cms/src/contacts/contacts.ts',
        'features-below-wiring: cms/src/contacts/contacts.ts -> cms/src/bootstrap/roles.ts',
        'portal-reads-shared-only: site/page.ts -> cms/src/platform/content-types.ts',
        'no-tests-in-production: cms/src/content/preview.ts -> test/helper.ts',
        'no-circular: cms/src/mail/mails.ts -> cms/src/mail/outbox.ts',
      ].sort(),
    );
    expect(new Set(violations.map((v) => v.rule.name))).toEqual(new Set(ruleNames));
    // The one module that keeps every rule (a feature importing the platform, shared and another
    // feature) is not among them.
    expect(violations.some((v) => v.from === 'cms/src/workspace/queue.ts')).toBe(false);
  });
});
