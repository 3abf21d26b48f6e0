import { factories } from '@strapi/strapi';
import { KOMMUN } from '../../../platform/content-types';

export default factories.createCoreService(KOMMUN);
