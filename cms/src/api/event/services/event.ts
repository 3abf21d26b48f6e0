import { factories } from '@strapi/strapi';
import { EVENT } from '../../../platform/content-types';

export default factories.createCoreService(EVENT);
