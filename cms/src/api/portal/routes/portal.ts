import { PORTAL_ENDPOINTS } from '../../../intake/endpoints';

export default {
  routes: PORTAL_ENDPOINTS.map((endpoint) => ({
    method: endpoint.method,
    path: endpoint.path,
    handler: endpoint.handler,
    // Public by design; rate limits, body limits and the spam checks guard them instead.
    config: { auth: false },
  })),
};
