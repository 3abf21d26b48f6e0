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

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** Give up (mark failed) after this many attempts. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 30_000, maxMs: 30 * 60_000, maxAttempts: 8 };

/**
 * Delay before attempt `attempt + 1` after `attempt` failed attempts (1-based): base·2^(n−1),
 * capped. `jitter` (0–1) spreads workers that failed together.
 */
export function retryDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'> = DEFAULT_RETRY_POLICY,
  jitter = 0,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const delay = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(delay * (1 - jitter * random()));
}

/** Whether a delivery that failed this way after `attempts` attempts should be tried again. */
export function shouldRetry(
  error: unknown,
  attempts: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): boolean {
  return classifySendError(error) === 'transient' && attempts < policy.maxAttempts;
}
