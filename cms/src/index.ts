import type { Core } from '@strapi/strapi';
import { applyRegisterLabels } from './bootstrap/admin-labels';
import { ensureAdminRoles } from './bootstrap/admin-roles';
import { ensureLocales } from './bootstrap/locales';
import { enforcePublicPermissions } from './bootstrap/public-permissions';
import { environment } from './config/environment';
import { registerAmbassadorConsentRule } from './content-rules/ambassador-consent';
import { registerContactHistory } from './content-rules/contact-history';
import { registerJsonListValidation } from './content-rules/json-lists';
import { ensureChallengeTable, pruneUsedChallenges } from './portal/challenge';
import { ensureInboxTable } from './register/intake-inbox';
import { startRegisterWorkers, stopRegisterWorkers } from './register/workers';
import { pruneSentMail } from './register/outbox';
import { registerNewsletterAdminRoutes } from './newsletter/admin-routes';
import { startNewsletterWorker, stopNewsletterWorker } from './newsletter/worker';
import { seedIfEmpty } from './seed/run';
import { registerSiteRebuildNotice } from './site/rebuild-notice';
import { registerWorkspaceRoutes } from './admin-api/register-workspace';
import { registerContactCreatedRule } from './content-rules/contact-created';
import { registerFirstResponseRules } from './content-rules/first-response';
import { registerMoveStatusRule } from './content-rules/move-status';
import { scheduleRegisterCare } from './register-care/schedule';
import { ensureJobRunTable } from './workspace/job-runs';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerJsonListValidation(strapi);
    registerAmbassadorConsentRule(strapi);
    registerContactHistory(strapi);
    registerSiteRebuildNotice(strapi);
    registerNewsletterAdminRoutes(strapi);
    registerFirstResponseRules(strapi);
    registerContactCreatedRule(strapi);
    registerMoveStatusRule(strapi);
    registerWorkspaceRoutes(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    await enforcePublicPermissions(strapi);
    await ensureAdminRoles(strapi);
    await applyRegisterLabels(strapi);
    await ensureChallengeTable(strapi);
    await ensureInboxTable(strapi);
    await ensureJobRunTable(strapi);
    if (environment().SEED_ON_EMPTY) await seedIfEmpty(strapi);
    startRegisterWorkers(strapi);
    startNewsletterWorker(strapi);
    strapi.cron.add({
      pruneUsedChallenges: { task: () => pruneUsedChallenges(strapi), options: { rule: '17 * * * *' } },
      pruneSentMail: {
        task: () => pruneSentMail(strapi),
        options: { rule: '15 3 * * *', tz: 'Europe/Stockholm' },
      },
    });
    scheduleRegisterCare(strapi);
  },

  async destroy() {
    await Promise.all([stopRegisterWorkers(), stopNewsletterWorker()]);
  },
};
