import type { RetryPolicy } from '@tasteget/shared';

export type SendErrorKind = 'transient' | 'permanent';

interface SmtpErrorLike {
  code?: string;
  responseCode?: number;
  command?: string;
}

/**
 * Whether a failed send is worth retrying. An SMTP 5xx reply is the server's final word on this
 * message (permanent: mark the delivery failed, count a bounce); 4xx replies, timeouts and
 * connection errors are transient (retry with backoff). An authentication failure is the sender's
 * problem, not the recipient's: transient, so no delivery is failed for it.
 */
export function classifySendError(error: unknown): SendErrorKind {
  const e = (error ?? {}) as SmtpErrorLike;
  if (e.code === 'EAUTH') return 'transient';
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 500 && e.responseCode < 600) return 'permanent';
    return 'transient';
  }
  // No SMTP reply: nodemailer refuses the envelope or message itself (no recipient, bad address).
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return 'permanent';
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
  return classifySendError(error) === 'transient' && attempts < policy.maxAttempts;
}
