// Strapi loads global middlewares from this folder by file name; the cleanup lives with the platform.
export { default } from '../platform/request-files';
