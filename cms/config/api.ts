export default {
  rest: {
    defaultLimit: 25,
    maxLimit: 100,
    withCount: true,
  },
  // A relation the schema marks required must be given (a magazine order's edition): off by
  // default in Strapi 5 for compatibility, the check every other required field already has.
  documents: { strictRelations: true },
};
