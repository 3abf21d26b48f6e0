import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::register-audit.register-audit');
