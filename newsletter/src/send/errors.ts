import type { RetryPolicy } from '@tasteget/shared';

export type SendErrorKind = 'transient' | 'permanent' | 'sender';

interface SmtpErrorLike {
  code?: string;
  responseCode?: number;
  command?: string;
}

/**
 * What a failed send says, and about whom:
 * - `permanent`: the recipient's address is refused for good: an SMTP 5xx answer to RCPT TO, or
 *   an envelope nodemailer itself refuses (no valid address). The delivery fails, a bounce counts.
 * - `sender`: the relay refuses us, whoever the recipient: the credentials (EAUTH), our sender
 *   address (5xx to MAIL FROM), the message itself (5xx to DATA, too large): every delivery of the
 *   campaign would fail the same way, so the campaign pauses and no recipient is blamed.
 * - `transient`: 4xx replies, timeouts and lost connections: retried with backoff.
 */
export function classifySendError(error: unknown): SendErrorKind {
  const e = (error ?? {}) as SmtpErrorLike;
  if (e.code === 'EAUTH') return 'sender';
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 500 && e.responseCode < 600)
      return e.command === 'RCPT TO' ? 'permanent' : 'sender';
    return 'transient';
  }
  // No SMTP reply: nodemailer refuses the envelope (no recipient, a bad address) or the message.
  if (e.code === 'EENVELOPE') return 'permanent';
  if (e.code === 'EMESSAGE') return 'sender';
  return 'transient';
}

/** The newsletter's defaults of the shared backoff (see shared/src/retry.ts). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 30_000, maxMs: 30 * 60_000, maxAttempts: 8 };

/** Whether a delivery that failed this way after `attempts` attempts should be tried again. */
export function shouldRetry(
  error: unknown,
  attempts: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): boolean {
  return classifySendError(error) !== 'permanent' && attempts < policy.maxAttempts;
}
