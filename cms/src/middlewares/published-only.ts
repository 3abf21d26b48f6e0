// Strapi loads global middlewares from this folder by file name; the rule lives with the content.
export { default } from '../content/published-only';
