import { factories } from '@strapi/strapi';
import { COWORKING_SPACE } from '../../../platform/content-types';

export default factories.createCoreController(COWORKING_SPACE);
