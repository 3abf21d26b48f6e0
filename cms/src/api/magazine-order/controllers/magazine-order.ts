import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::magazine-order.magazine-order');
