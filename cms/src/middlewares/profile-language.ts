// Strapi loads global middlewares from this folder by file name; the rule lives in platform/.
export { default } from '../platform/profile-language';
