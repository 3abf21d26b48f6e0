import { factories } from '@strapi/strapi';

// POST /api/magazine-orders is the portal's order endpoint (api/portal); the core `create` route
// would shadow it, and the register is never written through the core content API anyway.
export default factories.createCoreRouter('api::magazine-order.magazine-order', {
  except: ['create'],
});
