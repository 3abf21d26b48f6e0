export {
  assertMessageId,
  buildDeliveryMessage,
  listUnsubscribeHeader,
  unsubscribeMailto,
  type DeliveryMessageInput,
} from './message';
export { deliveryKey, deliveryMessageId } from './message-id';
export { createNewsletterTransport, poolOptions, rateOptions } from './transport';
export {
  classifySendError,
  DEFAULT_RETRY_POLICY,
  retryDelay,
  shouldRetry,
  type RetryPolicy,
  type SendErrorKind,
} from './errors';
export { deliveryMail, prepareCampaign, type DeliveryJob, type PreparedCampaign } from './delivery';
export {
  createDeliverySender,
  threadShare,
  type DeliverySender,
  type SendableCampaign,
} from './delivery-sender';
export { compileMimeTemplate, fitsMimeTemplate, renderMime, type MimeTemplate } from './mime-template';
