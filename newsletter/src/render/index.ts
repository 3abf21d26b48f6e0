export { compileCampaign, htmlToText, MjmlValidationError, type CompiledCampaign } from './compile';
export {
  personalise,
  slotValues,
  type Personalisation,
  type PersonalisedMessage,
  type SlotValues,
} from './personalise';
export { SLOT_NAMES, type SlotName, type SplitTemplate } from './placeholders';
