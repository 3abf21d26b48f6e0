import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import {
  buildDeliveryMessage,
  classifySendError,
  compileCampaign,
  createNewsletterTransport,
  deliveryKey,
  deliveryMessageId,
  listIdHeader,
  parseSenderConfig,
  personalise,
  poolOptions,
  rateOptions,
  retryDelay,
  senderIdentity,
  shouldRetry,
  templateSender,
  unsubscribeMailto,
} from '../../newsletter/src';
import { startSmtp, type TestSmtp } from '../support/smtp';

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

function config(port: number) {
  return parseSenderConfig({
    NEWSLETTER_FROM: 'Ta Steget Jämtland <nyhetsbrev@tasteget.example>',
    NEWSLETTER_REPLY_TO: 'info@tasteget.example',
    NEWSLETTER_SITE_URL: 'https://tasteget.example',
    SMTP_PORT: String(port),
    NEWSLETTER_POOL_SIZE: '2',
  });
}

describe('sending one delivery through a real SMTP server', () => {
  it('carries one-click unsubscribe, the fixed Message-ID, From and both UTF-8 parts', async () => {
    const identity = senderIdentity(config(smtp.port));
    const compiled = await compileCampaign(
      { subject: 'Vårens nyheter – åäö ÅÄÖ', language: 'sv', audience: 'subscribers' },
      [{ kind: 'intro-text', heading: 'Hösten i Östersund', text: 'Älgar, fjäll och blåbär.' }],
      templateSender(identity),
    );
    const token = 'Zk3_q9Lr-2pX7vB8nM4tY6wE1aS5dF0gH';
    const unsubscribeUrl = `https://tasteget.example/api/newsletter/unsubscribe/${token}?language=sv&campaign=abc`;
    const preferencesUrl = `https://tasteget.example/api/newsletter/preferences?token=${token}`;
    const personal = personalise(compiled, { firstName: 'Åsa', unsubscribeUrl, preferencesUrl });
    const key = deliveryKey('campaign-doc-1', ' Asa@Example.se ');
    const messageId = deliveryMessageId(key, identity.domain);
    const message = buildDeliveryMessage({
      sender: identity,
      to: 'asa@example.se',
      ...personal,
      messageId,
      unsubscribeUrl,
      unsubscribeMailto: unsubscribeMailto(identity.unsubscribeMailbox, token),
      listId: listIdHeader(compiled.list, identity.domain),
    });
    const transport = createNewsletterTransport(config(smtp.port));
    try {
      const info = await transport.sendMail(message);
      expect(info.messageId).toBe(messageId);
    } finally {
      transport.close();
    }

    const [mail] = await smtp.waitFor(1, (m) => m.envelopeTo.includes('asa@example.se'));
    const { parsed, raw } = mail;
    expect(parsed.messageId).toBe(messageId);
    expect(messageId).toBe(deliveryMessageId('campaign-doc-1:asa@example.se', 'tasteget.example'));
    expect(parsed.from?.value[0]).toEqual({
      name: 'Ta Steget Jämtland',
      address: 'nyhetsbrev@tasteget.example',
    });
    expect(parsed.replyTo?.value[0].address).toBe('info@tasteget.example');
    expect(parsed.subject).toBe('Vårens nyheter – åäö ÅÄÖ');
    expect(parsed.html).toContain('Hej Åsa!');
    expect(parsed.html).toContain('Älgar, fjäll och blåbär.');
    expect(parsed.text).toContain('Hej Åsa!');
    expect(parsed.text).toContain('prenumererar på Ta Stegets nyhetsbrev.');

    // RFC 8058: https and mailto on one unfolded line, and the one-click POST marker.
    const headerBlock = raw.slice(0, raw.indexOf('\r\n\r\n'));
    // RFC 2919: the newsletter it is sent for (the county's: the campaign names none).
    expect(headerBlock.split('\r\n')).toContain(
      'List-ID: "Ta Stegets nyhetsbrev" <ta-steget.tasteget.example>',
    );
    const lines = headerBlock.split('\r\n').filter((l) => l.startsWith('List-Unsubscribe:'));
    expect(lines).toHaveLength(1);
    const line = lines[0];
    expect(line).toBe(
      `List-Unsubscribe: <${unsubscribeUrl}>, <mailto:unsubscribe@tasteget.example?subject=unsubscribe%20${token}>`,
    );
    const next = headerBlock.split('\r\n')[headerBlock.split('\r\n').indexOf(line as string) + 1];
    expect(next).not.toMatch(/^\s/);
    expect(headerBlock.split('\r\n')).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    // No vacation reply to a mail sent to thousands (RFC 3834).
    expect(headerBlock.split('\r\n')).toEqual(
      expect.arrayContaining(['Auto-Submitted: auto-generated', 'Precedence: bulk']),
    );
    // mailparser reads both URIs from the one header.
    const list = parsed.headers.get('list') as { unsubscribe: { url: string; mail?: string } };
    expect(JSON.stringify(list.unsubscribe)).toContain(unsubscribeUrl);
    expect(JSON.stringify(list.unsubscribe)).toContain('unsubscribe@tasteget.example');
  });

  it('gives a resend the same Message-ID', () => {
    const a = deliveryMessageId(deliveryKey('c1', 'a@example.se'), 'tasteget.example');
    expect(deliveryMessageId(deliveryKey('c1', 'A@EXAMPLE.SE'), 'tasteget.example')).toBe(a);
    expect(deliveryMessageId(deliveryKey('c2', 'a@example.se'), 'tasteget.example')).not.toBe(a);
    expect(a).toMatch(/^<[0-9a-f]{32}@tasteget\.example>$/);
  });

  it('refuses a message without a valid Message-ID or unsubscribe link', () => {
    const base = {
      sender: { from: { name: 'T', address: 't@example.se' } },
      to: 'a@example.se',
      subject: 's',
      html: '<p>h</p>',
      text: 't',
      messageId: '<x@example.se>',
      unsubscribeUrl: 'https://example.se/u',
      unsubscribeMailto: 'mailto:u@example.se',
      listId: '"T" <t.example.se>',
    };
    expect(() => buildDeliveryMessage({ ...base, messageId: 'x' })).toThrow(/Message-ID/);
    expect(() => buildDeliveryMessage({ ...base, unsubscribeUrl: 'javascript:x' })).toThrow(/http/);
    expect(() =>
      buildDeliveryMessage({ ...base, unsubscribeUrl: 'https://example.se/u\r\nBcc: x@y.se' }),
    ).toThrow(/Unsafe character/);
    expect(buildDeliveryMessage(base).headers).toEqual({
      'List-Unsubscribe': { prepared: true, value: '<https://example.se/u>, <mailto:u@example.se>' },
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': { prepared: true, value: '"T" <t.example.se>' },
      'Auto-Submitted': 'auto-generated',
      Precedence: 'bulk',
    });
  });
});

/** A server that answers RCPT TO for some addresses with the given SMTP error. */
async function refusingServer(refusals: Record<string, number>) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = refusals[address.address];
      if (!code) return callback();
      const error = new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later') as Error & {
        responseCode: number;
      };
      error.responseCode = code;
      callback(error);
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('classifying send errors', () => {
  it('treats a 550 from the server as permanent and a 451 as transient', async () => {
    const server = await refusingServer({ 'gone@example.se': 550, 'busy@example.se': 451 });
    const transport = createTransport({ host: '127.0.0.1', port: server.port, pool: false });
    const send = (to: string) =>
      transport.sendMail({ from: 'nyhetsbrev@tasteget.example', to, subject: 'x', text: 'x' }).then(
        () => null,
        (error: unknown) => error,
      );
    try {
      const gone = await send('gone@example.se');
      const busy = await send('busy@example.se');
      expect((gone as { responseCode: number }).responseCode).toBe(550);
      expect((gone as { command: string }).command).toBe('RCPT TO');
      expect(classifySendError(gone)).toBe('permanent');
      expect(shouldRetry(gone, 1)).toBe(false);
      expect((busy as { responseCode: number }).responseCode).toBe(451);
      expect(classifySendError(busy)).toBe('transient');
      expect(shouldRetry(busy, 1)).toBe(true);
      expect(await send('fine@example.se')).toBeNull();
    } finally {
      transport.close();
      await server.stop();
    }
  });

  it('blames the sender, not the recipient, for a 5xx to our sender address or to the message', async () => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onMailFrom(address, _session, callback) {
        if (!address.address.startsWith('refused')) return callback();
        callback(Object.assign(new Error('Sender address not owned'), { responseCode: 553 }));
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Content rejected'), { responseCode: 554 })));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const transport = createTransport({
      host: '127.0.0.1',
      port: (server.server.address() as AddressInfo).port,
    });
    const send = (from: string) =>
      transport.sendMail({ from, to: 'anna@example.se', subject: 'x', text: 'x' }).catch((e: unknown) => e);
    try {
      const sender = await send('refused@tasteget.example');
      expect(sender).toMatchObject({ responseCode: 553, command: 'MAIL FROM' });
      expect(classifySendError(sender)).toBe('sender');
      const content = await send('nyhetsbrev@tasteget.example');
      expect(content).toMatchObject({ responseCode: 554, command: 'DATA' });
      expect(classifySendError(content)).toBe('sender');
      expect(shouldRetry(content, 1)).toBe(true);
    } finally {
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('treats a server that is down as transient', async () => {
    const { freePort } = await import('../support/ports');
    const transport = createTransport({ host: '127.0.0.1', port: await freePort(), connectionTimeout: 2000 });
    const error = await transport
      .sendMail({ from: 'a@example.se', to: 'b@example.se', subject: 'x', text: 'x' })
      .catch((e: unknown) => e);
    expect((error as { code: string }).code).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);
    expect(classifySendError(error)).toBe('transient');
  });

  it('classifies by code when there is no SMTP reply', () => {
    expect(classifySendError({ code: 'ETIMEDOUT' })).toBe('transient');
    expect(classifySendError({ code: 'EAUTH', responseCode: 535 })).toBe('sender');
    expect(classifySendError({ code: 'EENVELOPE' })).toBe('permanent');
    expect(classifySendError({ code: 'EMESSAGE' })).toBe('sender');
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 452 })).toBe('transient');
    expect(classifySendError(new Error('boom'))).toBe('transient');
    expect(classifySendError(undefined)).toBe('transient');
  });
});

describe('retry backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    const policy = { baseMs: 1000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => retryDelay(n, policy))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
    expect(retryDelay(3, policy, 0.5, () => 1)).toBe(2000);
    expect(shouldRetry({ responseCode: 421 }, 8)).toBe(false);
  });
});

describe('the pooled transport', () => {
  it('turns messages per second into a nodemailer rate limit', () => {
    expect(rateOptions(0)).toEqual({});
    expect(rateOptions(20)).toEqual({ rateDelta: 1000, rateLimit: 20 });
    expect(rateOptions(0.5)).toEqual({ rateDelta: 2000, rateLimit: 1 });
  });

  it('pools with the configured size and signs with DKIM when configured', () => {
    const options = poolOptions(
      parseSenderConfig({
        NEWSLETTER_POOL_SIZE: '4',
        NEWSLETTER_RATE_LIMIT: '50',
        DKIM_DOMAIN: 'tasteget.example',
        DKIM_SELECTOR: 'nl',
        DKIM_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----',
      }),
    );
    expect(options).toMatchObject({ pool: true, maxConnections: 4, rateLimit: 50, rateDelta: 1000 });
    expect(options.dkim).toMatchObject({ domainName: 'tasteget.example', keySelector: 'nl' });
    expect((options.dkim as { privateKey: string }).privateKey).toContain('KEY-----\nabc\n');
    expect(poolOptions(parseSenderConfig({})).dkim).toBeUndefined();
  });
});
