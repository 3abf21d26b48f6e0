import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::magazine-edition.magazine-edition');
