import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::newsletter-campaign.newsletter-campaign');
