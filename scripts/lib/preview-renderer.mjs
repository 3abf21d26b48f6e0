import http from 'node:http';
import { Worker } from 'node:worker_threads';

/**
 * The portal's one on-demand page, the draft preview: requests for it are passed to the server code
 * of the build being served, which runs in a worker thread (preview-worker.mjs) started at the first
 * preview after each build switch. The worker of a replaced build ends a little later, once its
 * requests in flight are answered.
 */
const RETIRE_AFTER_MS = 30_000;

export class PreviewRenderer {
  /** @param {{ entryOf: () => string | null, log: (message: string) => void }} options */
  constructor({ entryOf, log }) {
    this.entryOf = entryOf;
    this.log = log;
    /** @type {{ entry: string, worker: Worker, port: Promise<number> } | null} */
    this.running = null;
  }

  /** The port of the worker for the build served now. */
  port() {
    const entry = this.entryOf();
    if (!entry) return Promise.reject(new Error('no build is being served'));
    if (this.running?.entry === entry) return this.running.port;
    if (this.running) this.retire(this.running.worker);
    const worker = new Worker(new URL('./preview-worker.mjs', import.meta.url), { workerData: { entry } });
    const port = new Promise((resolve, reject) => {
      worker.once('message', (message) => resolve(message.port));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the preview worker stopped (${code})`)));
    });
    const running = { entry, worker, port };
    this.running = running;
    worker.on('error', (error) => this.log(`preview worker failed: ${error.stack ?? error.message}`));
    worker.on('exit', () => {
      if (this.running === running) this.running = null;
    });
    port.catch(() => {});
    return port;
  }

  retire(worker) {
    setTimeout(() => void worker.terminate(), RETIRE_AFTER_MS).unref();
  }

  /** Answers a request for the preview page through the current build's worker. */
  async handle(req, res) {
    let port;
    try {
      port = await this.port();
    } catch (error) {
      this.log(`preview unavailable: ${error.message}`);
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Förhandsvisningen är inte tillgänglig just nu. / The preview is not available right now.');
      return;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      this.log(`preview request failed: ${error.message}`);
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end();
    });
    req.pipe(upstream);
  }

  async stop() {
    const running = this.running;
    this.running = null;
    if (running) await running.worker.terminate();
  }
}
