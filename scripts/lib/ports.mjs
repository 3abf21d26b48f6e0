import net from 'node:net';

/** Whether nothing listens on the port now. */
function isFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * A port nothing listens on, for a server that starts later (another process, or "the mail server
 * is down"). Drawn below Linux's ephemeral range (32768 and up), which listen(0) and outgoing
 * connections draw from: a port found with listen(0) was once taken by another suite's server
 * before the portal server bound it.
 * @returns {Promise<number>}
 */
export async function freePort() {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isFree(port)) return port;
  }
}
