import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::guide-assignment.guide-assignment');
