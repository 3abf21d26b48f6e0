import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::guide-assignment.guide-assignment');
