import { factories } from '@strapi/strapi';
import { ARTICLE } from '../../../platform/content-types';

export default factories.createCoreController(ARTICLE);
