import type { Core } from '@strapi/strapi';

/** The published content the intake depends on: a kommun with its guide, orderable editions. */
export async function createIntakeFixtures(strapi: Core.Strapi) {
  const kommun = (municipality: string, name: string, guideEmail: string) =>
    strapi.documents('api::kommun.kommun').create({
      data: {
        name,
        municipality,
        slug: municipality,
        intro: `Välkommen till ${name}.`,
        guide: { name: `Guide ${name}`, email: guideEmail, phone: '+46 63 12 34 56' },
      },
      locale: 'sv',
      status: 'published',
    } as never);
  await kommun('are', 'Åre', 'guide.are@example.se');
  await kommun('ostersund', 'Östersund', 'guide.ostersund@example.se');
  const edition = (year: number, orderable: boolean) =>
    strapi.documents('api::magazine-edition.magazine-edition').create({
      data: { year, title: `Ta Steget ${year}`, slug: `ta-steget-${year}`, orderable },
      locale: 'sv',
      status: 'published',
    } as never);
  await edition(2026, true);
  await edition(2024, false);
}

/** A CMS ready for the intake: fast portal settings, a real SMTP server, the fixtures above. */
export async function startIntakeCms(env: Record<string, string> = {}) {
  const { FAST_PORTAL_ENV } = await import('./portal');
  const { startSmtp } = await import('./smtp');
  const { startStrapi } = await import('./strapi');
  const smtp = await startSmtp();
  const app = await startStrapi({ ...FAST_PORTAL_ENV, SMTP_PORT: String(smtp.port), ...env });
  await createIntakeFixtures(app.strapi);
  return {
    app,
    smtp,
    async stop() {
      await app.stop();
      await smtp.stop();
    },
  };
}
