import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::register-audit.register-audit');
