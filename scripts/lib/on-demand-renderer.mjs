import http from 'node:http';
import { Worker } from 'node:worker_threads';

/**
 * The portal's on-demand rendering: the draft preview, the live pages published after a publish
 * (live-pages.mjs) and the images those two show (`/_image`). Requests are passed to the server code
 * of the build being served, which runs in a worker thread (on-demand-worker.mjs) started when a
 * build is switched in, or at its first request. The worker of a replaced build ends a little later,
 * once its requests in flight are answered.
 */
const RETIRE_AFTER_MS = 30_000;
const RENDER_TIMEOUT_MS = 60_000;

export class OnDemandRenderer {
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
    const worker = new Worker(new URL('./on-demand-worker.mjs', import.meta.url), { workerData: { entry } });
    const port = new Promise((resolve, reject) => {
      worker.once('message', (message) => resolve(message.port));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the on-demand worker stopped (${code})`)));
    });
    const running = { entry, worker, port };
    this.running = running;
    worker.on('error', (error) => this.log(`on-demand worker failed: ${error.stack ?? error.message}`));
    worker.on('exit', () => {
      if (this.running === running) this.running = null;
    });
    port.catch(() => {});
    return port;
  }

  retire(worker) {
    setTimeout(() => void worker.terminate(), RETIRE_AFTER_MS).unref();
  }

  /** Answers a visitor's request (the preview, an image) through the current build's worker. */
  async handle(req, res) {
    let port;
    try {
      port = await this.port();
    } catch (error) {
      this.log(`on-demand rendering unavailable: ${error.message}`);
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
      this.log(`on-demand request failed: ${error.message}`);
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end();
    });
    req.pipe(upstream);
  }

  /** Renders a page for the portal server itself: its status, headers and whole body. */
  async render(pathAndQuery) {
    const port = await this.port();
    return new Promise((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port, path: pathAndQuery }, (answer) => {
        const chunks = [];
        answer.on('data', (chunk) => chunks.push(chunk));
        answer.on('end', () =>
          resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }),
        );
        answer.on('error', reject);
      });
      request.setTimeout(RENDER_TIMEOUT_MS, () => request.destroy(new Error('the render timed out')));
      request.on('error', reject);
    });
  }

  async stop() {
    const running = this.running;
    this.running = null;
    if (running) await running.worker.terminate();
  }
}
