// Strapi loads global middlewares from this folder by file name; the guard lives with the intake.
export { default } from '../intake/limits';
