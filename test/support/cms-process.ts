import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { CMS_DIR } from './paths';
import { freePort } from './ports';

/**
 * A CMS in a process of its own, listening on a port chosen up front (so a proxy's configuration
 * can name it before it starts): the compiled dist/, booted as `npm start` boots it. It inherits
 * this process's environment (the test's database and SMTP server), with `env` on top.
 */
export interface CmsProcess {
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  /** SIGTERM, then waits: Strapi stops its loops after the work in flight. */
  stop(): Promise<void>;
}

const BOOT = `
const { bootStrapi } = require(${JSON.stringify(path.join(CMS_DIR, 'scripts', 'headless.js'))});
bootStrapi({ listen: true, logLevel: process.env.LOG_LEVEL || 'warn' }).then(
  () => process.stdout.write('CMS-READY\\n'),
  (error) => { console.error(error); process.exit(1); },
);`;

export async function startCmsProcess(
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<CmsProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', BOOT], {
    cwd: CMS_DIR,
    env: { ...process.env, SEED_ON_EMPTY: 'false', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`CMS did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('CMS-READY')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`CMS exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    port,
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
