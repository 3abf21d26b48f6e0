import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::newsletter-campaign.newsletter-campaign');
