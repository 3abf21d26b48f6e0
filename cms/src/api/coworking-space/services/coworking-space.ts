import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::coworking-space.coworking-space');
