import type { Core } from '@strapi/strapi';
import type { ImapFlow } from 'imapflow';
import { environment } from '../platform/environment';
import { imapClient } from './mailbox';

/**
 * IMAP IDLE on the inbound mailbox: one connection per process that only listens, and wakes the
 * inbound loop when the server says a message arrived, so a reply is on the card in seconds
 * instead of at the next poll. The poll (INBOUND_POLL_MS) stays as the safety net: a lost
 * connection, a server without IDLE or a missed notice delays mail by one poll at most. The
 * watcher reads nothing itself: claims and moves stay with the loop (README.md).
 */
const RECONNECT_MS = 5_000;

export function watchMailbox(strapi: Core.Strapi, onNewMail: () => void) {
  let stopped = false;
  let client: ImapFlow | null = null;
  let retry: NodeJS.Timeout | undefined;

  const reconnectLater = () => {
    if (stopped) return;
    retry = setTimeout(() => void connect(), RECONNECT_MS);
    retry.unref();
  };

  const connect = async () => {
    const next = imapClient({ idle: true });
    if (stopped || !next) return;
    client = next;
    next.on('error', (error: Error) => strapi.log.warn(`Inbound mail (IDLE): ${error.message}`));
    next.on('exists', () => onNewMail());
    next.once('close', () => {
      if (client === next) client = null;
      reconnectLater();
    });
    try {
      await next.connect();
      await next.mailboxOpen(environment().INBOUND_MAILBOX, { readOnly: true });
      // Whatever arrived while no connection listened.
      onNewMail();
    } catch (error) {
      strapi.log.warn(`Inbound mail (IDLE): ${(error as Error).message}`);
      next.close();
    }
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const open = client;
      client = null;
      await open?.logout().catch(() => open.close());
    },
  };
}
