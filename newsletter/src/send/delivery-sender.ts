import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SenderConfig, SenderIdentity } from '../sender-config';
import { deliveryMail, type DeliveryJob, type PreparedCampaign } from './delivery';
import { createNewsletterTransport } from './transport';

/**
 * Where deliveries are turned into mail and handed to the SMTP relay. Building a message and
 * writing it to the socket is most of a newsletter's CPU, so with `NEWSLETTER_SEND_THREADS` ≥ 1
 * it happens in worker threads, each with its own share of the connection pool and rate limit,
 * while the caller's thread keeps the database work (claims, marks). `send` resolves when the
 * SMTP server accepted the mail and rejects with nodemailer's error (code, responseCode) when it
 * did not, either way: the caller decides what that means for the delivery.
 */
export interface DeliverySender {
  send(campaign: SendableCampaign, job: DeliveryJob): Promise<void>;
  close(): Promise<void>;
}

/** A prepared campaign and the key that says which version of it this is. */
export interface SendableCampaign {
  key: string;
  prepared: PreparedCampaign;
}

/** A send failure as it crosses from a thread: what `classifySendError` and the worker read. */
export interface SendFailure {
  message: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

export function toSendFailure(error: unknown): SendFailure {
  const e = error as Partial<SendFailure> & { message?: unknown };
  return {
    message: String(e?.message ?? error),
    code: typeof e?.code === 'string' ? e.code : undefined,
    responseCode: typeof e?.responseCode === 'number' ? e.responseCode : undefined,
    response: typeof e?.response === 'string' ? e.response : undefined,
    command: typeof e?.command === 'string' ? e.command : undefined,
  };
}

export function fromSendFailure(failure: SendFailure): Error {
  return Object.assign(new Error(failure.message), failure);
}

/** The configured sender: threads when NEWSLETTER_SEND_THREADS ≥ 1, this thread otherwise. */
export function createDeliverySender(config: SenderConfig, identity: SenderIdentity): DeliverySender {
  return config.NEWSLETTER_SEND_THREADS > 0
    ? threadedSender(config, identity, config.NEWSLETTER_SEND_THREADS)
    : inThreadSender(config, identity);
}

/** Each thread's share of the pool and of the rate limit. */
export function threadShare(config: SenderConfig, threads: number): SenderConfig {
  return {
    ...config,
    NEWSLETTER_POOL_SIZE: Math.max(1, Math.ceil(config.NEWSLETTER_POOL_SIZE / threads)),
    NEWSLETTER_RATE_LIMIT: config.NEWSLETTER_RATE_LIMIT / threads,
  };
}

function inThreadSender(config: SenderConfig, identity: SenderIdentity): DeliverySender {
  const transport = createNewsletterTransport(config);
  return {
    async send(campaign, job) {
      await transport.sendMail(deliveryMail(campaign.prepared, identity, job));
    },
    async close() {
      transport.close();
    },
  };
}

/** Messages to a sending thread, and its answers. */
export type ToThread =
  | { type: 'campaign'; key: string; prepared: PreparedCampaign }
  | { type: 'send'; id: number; key: string; job: DeliveryJob }
  | { type: 'close' };
export type FromThread = { type: 'sent'; id: number } | { type: 'failed'; id: number; failure: SendFailure };

export interface ThreadData {
  config: SenderConfig;
  identity: SenderIdentity;
}

/** The thread's code, compiled (tests import this package's TypeScript, a thread needs JavaScript). */
function threadScript(): string {
  return __filename.endsWith('.ts')
    ? path.resolve(__dirname, '..', '..', 'dist', 'src', 'send', 'sending-thread.js')
    : path.join(__dirname, 'sending-thread.js');
}

/**
 * How many campaign versions a thread keeps. Both sides forget the oldest in the same order (the
 * messages arrive in order), so the caller always knows what a thread still has.
 */
export const CAMPAIGNS_PER_THREAD = 8;

/** Adds a key to an insertion-ordered set, forgetting the oldest beyond the limit. */
export function rememberCampaign<T>(known: Map<string, T>, key: string, value: T) {
  known.set(key, value);
  for (const oldest of known.keys()) {
    if (known.size <= CAMPAIGNS_PER_THREAD) break;
    known.delete(oldest);
  }
}

interface SendingThread {
  worker: Worker;
  campaigns: Map<string, true>;
  pending: Map<number, { resolve: () => void; reject: (error: Error) => void }>;
}

function threadedSender(config: SenderConfig, identity: SenderIdentity, count: number): DeliverySender {
  const data: ThreadData = { config: threadShare(config, count), identity };
  const threads: (SendingThread | null)[] = Array.from({ length: count }, () => null);
  let nextId = 1;
  let closed = false;

  const start = (slot: number): SendingThread => {
    const thread: SendingThread = {
      worker: new Worker(threadScript(), { workerData: data }),
      campaigns: new Map(),
      pending: new Map(),
    };
    thread.worker.on('message', (message: FromThread) => {
      const waiting = thread.pending.get(message.id);
      if (!waiting) return;
      thread.pending.delete(message.id);
      if (message.type === 'sent') waiting.resolve();
      else waiting.reject(fromSendFailure(message.failure));
    });
    // A thread that dies fails what it held as a connection error (retried), and is started again
    // on the next send.
    const lost = (reason: string) => {
      if (threads[slot] === thread) threads[slot] = null;
      for (const waiting of thread.pending.values()) {
        waiting.reject(
          fromSendFailure({ message: `Sending thread stopped: ${reason}`, code: 'ECONNECTION' }),
        );
      }
      thread.pending.clear();
    };
    thread.worker.on('error', (error) => lost(error.message));
    thread.worker.on('exit', (code) => lost(`exit code ${code}`));
    threads[slot] = thread;
    return thread;
  };

  /** The least busy thread. */
  const pick = (): SendingThread => {
    let best = -1;
    for (let slot = 0; slot < threads.length; slot++) {
      const thread = threads[slot] ?? start(slot);
      if (best < 0 || thread.pending.size < (threads[best] as SendingThread).pending.size) best = slot;
    }
    return threads[best] as SendingThread;
  };

  return {
    send(campaign, job) {
      if (closed) return Promise.reject(new Error('The delivery sender is closed'));
      const thread = pick();
      if (!thread.campaigns.has(campaign.key)) {
        thread.worker.postMessage({
          type: 'campaign',
          key: campaign.key,
          prepared: campaign.prepared,
        } satisfies ToThread);
        rememberCampaign(thread.campaigns, campaign.key, true);
      }
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.postMessage({ type: 'send', id, key: campaign.key, job } satisfies ToThread);
      });
    },
    async close() {
      closed = true;
      await Promise.all(
        threads.map(async (thread) => {
          if (!thread) return;
          const exited = new Promise((resolve) => thread.worker.once('exit', resolve));
          thread.worker.postMessage({ type: 'close' } satisfies ToThread);
          await exited;
        }),
      );
    },
  };
}
