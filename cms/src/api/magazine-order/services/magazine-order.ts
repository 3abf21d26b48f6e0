import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::magazine-order.magazine-order');
