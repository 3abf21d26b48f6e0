import { describe, expect, it } from 'vitest';
import { parseSenderConfig } from '../../newsletter/src/sender-config';

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

  it('names invalid variables', () => {
    expect(() => parseSenderConfig({ NEWSLETTER_POOL_SIZE: '500' })).toThrow(/NEWSLETTER_POOL_SIZE/);
  });
});
