import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::contact-activity.contact-activity');
