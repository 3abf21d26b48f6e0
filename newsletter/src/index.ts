export {
  parseMailbox,
  parseSenderConfig,
  senderIdentity,
  type Mailbox,
  type SenderConfig,
  type SenderIdentity,
} from './sender-config';
export * from './render';
export * from './send';
export * from '../templates';
export { templateSender } from './template-sender';
