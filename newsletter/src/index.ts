export { parseSenderConfig, type SenderConfig } from './sender-config';
