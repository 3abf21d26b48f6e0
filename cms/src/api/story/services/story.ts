import { factories } from '@strapi/strapi';
import { STORY } from '../../../platform/content-types';

export default factories.createCoreService(STORY);
