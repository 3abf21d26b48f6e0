export {
  assertMessageId,
  buildDeliveryMessage,
  listIdHeader,
  listUnsubscribeHeader,
  unsubscribeMailto,
  type DeliveryMessageInput,
  type MailingList,
} from './message';
export { deliveryKey, deliveryMessageId } from './message-id';
export { createNewsletterTransport, poolOptions, rateOptions } from './transport';
export { classifySendError, DEFAULT_RETRY_POLICY, shouldRetry, type SendErrorKind } from './errors';
// The backoff is the project's one (shared/src/retry.ts), offered here with the sender.
export { retryDelay, type RetryPolicy } from '@tasteget/shared';
export { deliveryMail, prepareCampaign, type DeliveryJob, type PreparedCampaign } from './delivery';
export {
  createDeliverySender,
  threadShare,
  type DeliverySender,
  type SendableCampaign,
} from './delivery-sender';
export { compileMimeTemplate, fitsMimeTemplate, renderMime, type MimeTemplate } from './mime-template';
