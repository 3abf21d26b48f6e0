import { factories } from '@strapi/strapi';
import { EDITION } from '../../../platform/content-types';

export default factories.createCoreController(EDITION);
