import { smtpConnection } from '@tasteget/shared';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { SenderConfig } from '../sender-config';

/** nodemailer counts `rateLimit` messages per `rateDelta` ms; a fractional msg/s becomes a longer delta. */
export function rateOptions(messagesPerSecond: number): Pick<SMTPPool.Options, 'rateDelta' | 'rateLimit'> {
  if (messagesPerSecond <= 0) return {};
  if (messagesPerSecond >= 1) return { rateDelta: 1000, rateLimit: Math.round(messagesPerSecond) };
  return { rateDelta: Math.round(1000 / messagesPerSecond), rateLimit: 1 };
}

export function poolOptions(config: SenderConfig): SMTPPool.Options {
  return {
    pool: true,
    ...smtpConnection(config),
    maxConnections: config.NEWSLETTER_POOL_SIZE,
    maxMessages: config.NEWSLETTER_MAX_MESSAGES,
    ...rateOptions(config.NEWSLETTER_RATE_LIMIT),
    dkim:
      config.DKIM_DOMAIN && config.DKIM_SELECTOR && config.DKIM_PRIVATE_KEY
        ? {
            domainName: config.DKIM_DOMAIN,
            keySelector: config.DKIM_SELECTOR,
            // Environment variables cannot hold newlines everywhere: accept "\n" escapes.
            privateKey: config.DKIM_PRIVATE_KEY.replace(/\\n/g, '\n'),
          }
        : undefined,
  };
}

/** A pooled SMTP transport with the configured rate limit; close it when the worker stops. */
export function createNewsletterTransport(config: SenderConfig): Transporter<SMTPPool.SentMessageInfo> {
  return createTransport(poolOptions(config));
}
