import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::coworking-space.coworking-space');
