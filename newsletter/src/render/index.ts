export { compileCampaign, htmlToText, MjmlValidationError, type CompiledCampaign } from './compile';
export { personalise, type Personalisation, type PersonalisedMessage } from './personalise';
export { SLOT_NAMES, type SlotName, type SplitTemplate } from './placeholders';
