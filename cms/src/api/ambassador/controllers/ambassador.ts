import { factories } from '@strapi/strapi';
import { AMBASSADOR } from '../../../platform/content-types';

export default factories.createCoreController(AMBASSADOR);
