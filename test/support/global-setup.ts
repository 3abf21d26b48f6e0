import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { packageBin } from '../../scripts/lib/package-bin.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Integration suites boot the CMS from its compiled dist/: compile once before they start. */
export default function setup() {
  const tsc = packageBin(ROOT, 'typescript', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'shared', 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  // The CMS requires the newsletter package's CommonJS build.
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'newsletter', 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  execFileSync(process.execPath, [path.join(ROOT, 'cms', 'scripts', 'build-dist.js')], { stdio: 'inherit' });
}
