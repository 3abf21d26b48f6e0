import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::register-audit.register-audit');
