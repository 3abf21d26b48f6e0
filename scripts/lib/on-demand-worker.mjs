/**
 * Runs one build's on-demand pages (its Astro server code, `server/entry.mjs`) in a worker thread,
 * on a port of 127.0.0.1 that only the portal server knows. A worker per build, so a rebuild
 * replaces the code and the old one's memory is freed when its worker ends.
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { handler } = await import(pathToFileURL(workerData.entry).href);
const server = http.createServer((req, res) =>
  handler(req, res, () => {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  }),
);
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
