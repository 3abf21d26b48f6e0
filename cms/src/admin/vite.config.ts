import { fileURLToPath } from 'node:url';
import { mergeConfig, type UserConfig } from 'vite';

/**
 * The admin panel uses the shared vocabulary (labels of statuses, channels, municipalities) from
 * source, as the portal does: the package's CommonJS build is for Node.
 */
export default (config: UserConfig) =>
  mergeConfig(config, {
    resolve: {
      alias: {
        '@tasteget/shared/browser': fileURLToPath(new URL('../../../shared/src/browser.ts', import.meta.url)),
      },
    },
  });
