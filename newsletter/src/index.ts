export {
  parseMailbox,
  parseSenderConfig,
  SENDER_VARIABLES,
  senderIdentity,
  senderProblems,
  type Mailbox,
  type SenderConfig,
  type SenderIdentity,
} from './sender-config';
export * from './render';
export * from './send';
export * from '../templates';
export { templateSender } from './template-sender';
