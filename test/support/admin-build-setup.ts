import { execFileSync } from 'node:child_process';
import { adminBuildIsStale } from '../../scripts/lib/admin-build.mjs';
import { packageBin } from '../../scripts/lib/package-bin.mjs';
import { CMS_DIR, ROOT } from './paths';

/** End-to-end tests drive the real admin panel: build it when it is missing or out of date. */
export default function setup() {
  if (!adminBuildIsStale(ROOT)) return;
  execFileSync(process.execPath, [packageBin(ROOT, '@strapi/strapi', 'strapi'), 'build'], {
    cwd: CMS_DIR,
    stdio: 'inherit',
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', NODE_OPTIONS: '--max-old-space-size=4096' },
  });
}
