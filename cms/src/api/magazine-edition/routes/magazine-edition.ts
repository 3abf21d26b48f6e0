import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::magazine-edition.magazine-edition');
