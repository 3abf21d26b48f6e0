import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::coworking-space.coworking-space');
