import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it accepts, parsed. `port` 0 picks a
 * free port; a fixed port lets a test start the server after the CMS (SMTP "down", then back).
 */
export interface ReceivedMail {
  /** MAIL FROM: where bounces go (our VERP address). */
  envelopeFrom: string | null;
  envelopeTo: string[];
  parsed: ParsedMail;
  raw: string;
  /** When the message was accepted (ms since the epoch): for rates measured at the receiving end. */
  receivedAt: number;
}

export interface TestSmtp {
  port: number;
  mails: ReceivedMail[];
  /** Resolves when at least `count` mails matching `filter` have arrived. */
  waitFor(count: number, filter?: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

/** How the server answers, e.g. a 550 for one recipient or a 451 the first time. */
export interface SmtpBehaviour {
  /** A reply code and text to refuse this recipient with (RCPT TO), or null to accept. */
  refuseRecipient?(address: string): { code: number; message: string } | null;
}

export async function startSmtp(port = 0, behaviour: SmtpBehaviour = {}): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    onRcptTo(address, _session, callback) {
      const refusal = behaviour.refuseRecipient?.(address.address);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    // The CMS keeps pooled connections open; do not wait 30 s for them on close.
    closeTimeout: 500,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          receivedAt: Date.now(),
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          parsed: await simpleParser(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  // A client killed mid-session resets its connections: the server reports it and carries on.
  server.on('error', () => {});
  const actualPort = (server.server.address() as AddressInfo).port;

  return {
    port: actualPort,
    mails,
    async waitFor(count, filter = () => true, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = mails.filter(filter);
        if (matching.length >= count) return matching;
        if (Date.now() > deadline) {
          throw new Error(
            `Waited ${timeoutMs} ms for ${count} mails, got ${matching.length} (of ${mails.length})`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
