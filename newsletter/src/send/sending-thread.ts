import { parentPort, workerData } from 'node:worker_threads';
import { deliveryMail, type PreparedCampaign } from './delivery';
import {
  rememberCampaign,
  toSendFailure,
  type FromThread,
  type ThreadData,
  type ToThread,
} from './delivery-sender';
import { createNewsletterTransport } from './transport';

/**
 * A sending thread (see `delivery-sender.ts`): keeps the campaigns it is given, turns each
 * delivery into a message and sends it through its own pooled transport, answering each one.
 */
const { config, identity } = workerData as ThreadData;
const transport = createNewsletterTransport(config);
const campaigns = new Map<string, PreparedCampaign>();
const port = parentPort;
if (!port) throw new Error('sending-thread.js runs as a worker thread');

const answer = (message: FromThread) => port.postMessage(message);

port.on('message', (message: ToThread) => {
  if (message.type === 'campaign') {
    rememberCampaign(campaigns, message.key, message.prepared);
    return;
  }
  if (message.type === 'close') {
    transport.close();
    port.close();
    return;
  }
  const campaign = campaigns.get(message.key);
  if (!campaign) {
    answer({ type: 'failed', id: message.id, failure: { message: `Unknown campaign ${message.key}` } });
    return;
  }
  let mail;
  try {
    mail = deliveryMail(campaign, identity, message.job);
  } catch (error) {
    answer({ type: 'failed', id: message.id, failure: toSendFailure(error) });
    return;
  }
  transport.sendMail(mail).then(
    () => answer({ type: 'sent', id: message.id }),
    (error: unknown) => answer({ type: 'failed', id: message.id, failure: toSendFailure(error) }),
  );
});
