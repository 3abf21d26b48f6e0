import { describe, expect, it } from 'vitest';
import { parseMailbox, parseSenderConfig, senderIdentity } from '../../newsletter/src/sender-config';

describe('newsletter sender configuration', () => {
  it('sends to the local mail catcher by default', () => {
    const config = parseSenderConfig({});
    expect(config.SMTP_HOST).toBe('127.0.0.1');
    expect(config.SMTP_PORT).toBe(1025);
    expect(config.NEWSLETTER_FROM).toContain('Ta Steget');
  });

  it('requires the three DKIM settings together', () => {
    expect(() => parseSenderConfig({ DKIM_DOMAIN: 'tasteget.example' })).toThrow(
      /DKIM_DOMAIN, DKIM_SELECTOR/,
    );
  });

  it('reads SMTP_SECURE as the CMS does (the two share the SMTP_* variables)', () => {
    for (const [value, secure] of [
      ['true', true],
      ['1', true],
      ['yes', true],
      ['false', false],
      ['0', false],
      ['no', false],
    ] as const) {
      expect(parseSenderConfig({ SMTP_SECURE: value }).SMTP_SECURE).toBe(secure);
    }
    expect(() => parseSenderConfig({ SMTP_SECURE: 'ja' })).toThrow(/SMTP_SECURE/);
  });

  it('names invalid variables', () => {
    expect(() => parseSenderConfig({ NEWSLETTER_POOL_SIZE: '500' })).toThrow(/NEWSLETTER_POOL_SIZE/);
  });

  it('refuses a From that is not a mailbox', () => {
    expect(() => parseSenderConfig({ NEWSLETTER_FROM: 'Ta Steget' })).toThrow(/NEWSLETTER_FROM/);
    expect(parseMailbox('"Ta Steget" <nl@x.se>')).toEqual({ name: 'Ta Steget', address: 'nl@x.se' });
    expect(parseMailbox('nl@x.se')).toEqual({ name: '', address: 'nl@x.se' });
  });

  it('derives the sender identity: Message-ID domain, unsubscribe mailbox, site', () => {
    const plain = senderIdentity(parseSenderConfig({ NEWSLETTER_SITE_URL: 'https://tasteget.example/' }));
    expect(plain).toMatchObject({
      from: { name: 'Ta Steget', address: 'nyhetsbrev@tasteget.local' },
      domain: 'tasteget.local',
      unsubscribeMailbox: 'unsubscribe@tasteget.local',
      siteUrl: 'https://tasteget.example',
    });
    expect(plain.postalAddress).toContain('Östersund');
    const signed = senderIdentity(
      parseSenderConfig({
        DKIM_DOMAIN: 'tasteget.se',
        DKIM_SELECTOR: 's1',
        DKIM_PRIVATE_KEY: 'k',
        NEWSLETTER_UNSUBSCRIBE_MAILBOX: 'avregistrera@tasteget.se',
      }),
    );
    expect(signed.domain).toBe('tasteget.se');
    expect(signed.unsubscribeMailbox).toBe('avregistrera@tasteget.se');
  });
});
