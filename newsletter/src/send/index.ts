export {
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
