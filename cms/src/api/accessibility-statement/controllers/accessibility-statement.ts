import { factories } from '@strapi/strapi';
import { ACCESSIBILITY_STATEMENT } from '../../../platform/content-types';

export default factories.createCoreController(ACCESSIBILITY_STATEMENT);
