export default {
  routes: [
    {
      method: 'GET',
      path: '/preview/:type/:documentId',
      handler: 'preview.draft',
      // No login: the expiring signature signed by the admin's preview handler is the credential.
      config: { auth: false },
    },
  ],
};
