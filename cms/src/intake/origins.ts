import { environment } from '../platform/environment';

/**
 * The websites the region has agreed with: the portal and the municipal sites in CORS_ORIGINS.
 * They may post the forms (`limits.ts`) and embed the registration form (the portal controller).
 */
export function partnerOrigins(): string[] {
  const env = environment();
  return [env.SITE_URL, ...env.CORS_ORIGINS].map((url) => new URL(url).origin);
}
