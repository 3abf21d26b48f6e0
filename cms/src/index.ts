import type { Core } from '@strapi/strapi';
import { defaultAdminLanguage } from './bootstrap/admin-language';
import { applyAdminLabels, fieldLabelsByType } from './bootstrap/admin-labels';
import { ensureLocales } from './bootstrap/locales';
import { enforcePublicPermissions } from './bootstrap/public-permissions';
import { installContactBookkeepingRules } from './contacts/rules/contact-bookkeeping';
import { installContactCreatedRule } from './contacts/rules/contact-created';
import { REGISTER_MIGRATIONS } from './contacts/migrations';
import { installContactHistory } from './contacts/rules/contact-history';
import { installContactDetailsRule } from './contacts/rules/contact-details';
import { installMoveStatusRule } from './contacts/rules/move-status';
import { guardNewsletterDeletes } from './contacts/newsletters';
import { installSubscriptionOwnerRule } from './contacts/rules/subscription-owner';
import { SUBSCRIPTION_INDEXES } from './contacts/subscriptions';
import { PERSON_ADDRESS_INDEXES } from './contacts/contacts';
import { installAmbassadorConsentRule } from './content/ambassador-consent';
import { installJsonListValidation } from './content/json-lists';
import { installRequiredTextRule } from './platform/required-text';
import { installBlocksShapeRule } from './platform/blocks-shape';
import { installDocumentIdentityRule } from './platform/document-identity';
import { installControlCharacterRule } from './platform/control-characters';
import { installOnePagePerMunicipality } from './content/one-page-per-municipality';
import { installSiteRebuildNotice } from './content/rebuild-notice';
import { installSharedFields } from './content/shared-fields';
import { installSwedishSlugs } from './content/slugs';
import { installAltTextRule } from './content/alt-text';
import { installMunicipalityPicker } from './content/municipality-picker';
import { installOwnUploadsGuard } from './platform/own-uploads';
import { installSharedContentRule } from './content/shared-content';
import { installWebLinkRule } from './content/web-links';
import { installEventTimesRule } from './content/event-times';
import { pruneUsedChallenges, USED_CHALLENGES_TABLE } from './intake/challenge';
import { inboxLoop, INBOX_TABLE } from './intake/inbox';
import { outboxLoop, pruneSentMail } from './mail/outbox';
import { installNewsletterAdminRoutes } from './newsletter/admin-routes';
import { installCampaignEditRule } from './newsletter/campaign-edits';
import { DELIVERY_INDEXES } from './newsletter/deliveries';
import { startNewsletterWorker, stopNewsletterWorker } from './newsletter/worker';
import { installOwnRecordGuard, registerAccessConditions } from './platform/access-scopes';
import { installRegisterCopyRefusal } from './platform/register-copies';
import { closeSharedLimits } from './platform/shared-limits';
import { ensureAdminRoles } from './platform/admin-roles';
import { environment } from './platform/environment';
import { JOB_RUNS_TABLE } from './platform/job-runs';
import { runMigrations } from './platform/migrations';
import { ensureOwnIndexes, ensureOwnTables } from './platform/own-tables';
import { INBOUND_CLAIMS_TABLE, inboundLoop, pruneInboundClaims } from './inbound/mailbox';
import { STATISTICS_TABLES } from './statistics/visits';
import { watchMailbox } from './inbound/watch';
import { SUPPRESSION_INDEXES } from './mail/suppression';
import { seedIfEmpty } from './seed/run';
import { installWorkspaceRoutes } from './workspace/admin-routes';
import { installRegisterLogGuard } from './workspace/care/audit';
import { scheduleRegisterCare } from './workspace/care/schedule';
import { installHiddenFieldGuard } from './platform/hidden-fields';
import { installStaffPicker } from './workspace/staff-picker';
import { installResponsibleGuideRule } from './workspace/responsible-guide';
import { installRelationRouteGuard } from './platform/relation-routes';
import { installActivityDateRule, installFirstResponseRules } from './workspace/first-response';

/** This process's IMAP IDLE listener, when a mailbox is configured. */
let mailboxWatch: ReturnType<typeof watchMailbox> | undefined;

/**
 * The wiring: the one module that knows every feature. `register` installs document-service
 * rules and admin routes before Strapi loads; `bootstrap` prepares the database and starts this
 * process's loops and schedules; `destroy` stops the loops.
 */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    installDocumentIdentityRule(strapi);
    installControlCharacterRule(strapi);
    installRegisterCopyRefusal(strapi);
    installJsonListValidation(strapi);
    installRequiredTextRule(strapi);
    installBlocksShapeRule(strapi);
    installWebLinkRule(strapi);
    installEventTimesRule(strapi);
    installAmbassadorConsentRule(strapi);
    installOnePagePerMunicipality(strapi);
    installSharedFields(strapi);
    installSwedishSlugs(strapi);
    installAltTextRule(strapi);
    installContactDetailsRule(strapi);
    installContactHistory(strapi);
    installSiteRebuildNotice(strapi);
    installNewsletterAdminRoutes(strapi);
    installFirstResponseRules(strapi);
    // Before the queue rules (installOwnRecordGuard), which check inside it: their refusal comes first.
    installActivityDateRule(strapi);
    // After the first-response rules (they drop a stale form's empty first response), before the
    // contact's creation rule (it sets the bookkeeping these drop from a form).
    installContactBookkeepingRules(strapi);
    installCampaignEditRule(strapi);
    installContactCreatedRule(strapi);
    installMoveStatusRule(strapi);
    installResponsibleGuideRule(strapi);
    installSubscriptionOwnerRule(strapi);
    guardNewsletterDeletes(strapi);
    installWorkspaceRoutes(strapi, fieldLabelsByType());
    installRegisterLogGuard(strapi);
    installOwnRecordGuard(strapi);
    installSharedContentRule(strapi);
    installMunicipalityPicker(strapi);
    installOwnUploadsGuard(strapi);
    installHiddenFieldGuard(strapi);
    installRelationRouteGuard(strapi);
    installStaffPicker(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const env = environment();
    await ensureLocales(strapi);
    await enforcePublicPermissions(strapi);
    await registerAccessConditions(strapi);
    await ensureAdminRoles(strapi);
    await defaultAdminLanguage(strapi);
    await applyAdminLabels(strapi);
    await ensureOwnTables(strapi, [
      USED_CHALLENGES_TABLE,
      INBOX_TABLE,
      JOB_RUNS_TABLE,
      INBOUND_CLAIMS_TABLE,
      ...STATISTICS_TABLES,
    ]);
    await ensureOwnIndexes(strapi, [
      ...SUBSCRIPTION_INDEXES,
      ...PERSON_ADDRESS_INDEXES,
      ...DELIVERY_INDEXES,
      ...SUPPRESSION_INDEXES,
    ]);
    await runMigrations(strapi, REGISTER_MIGRATIONS);
    if (env.SEED_ON_EMPTY) await seedIfEmpty(strapi);
    // The register's queues: registrations acknowledged but not yet contacts, and mail to send.
    inboxLoop.start(strapi, env.OUTBOX_POLL_MS);
    outboxLoop.start(strapi, env.OUTBOX_POLL_MS);
    startNewsletterWorker(strapi);
    // Replies, bounces and complaints, when a mailbox is configured.
    if (env.INBOUND_IMAP_HOST) {
      inboundLoop.start(strapi, env.INBOUND_POLL_MS);
      if (env.INBOUND_IDLE) mailboxWatch = watchMailbox(strapi, () => inboundLoop.wake());
    }
    strapi.cron.add({
      pruneUsedChallenges: { task: () => pruneUsedChallenges(strapi), options: { rule: '17 * * * *' } },
      pruneSentMail: {
        task: () => pruneSentMail(strapi),
        options: { rule: '15 3 * * *', tz: 'Europe/Stockholm' },
      },
      pruneInboundClaims: {
        task: () => pruneInboundClaims(strapi),
        options: { rule: '25 3 * * *', tz: 'Europe/Stockholm' },
      },
    });
    scheduleRegisterCare(strapi);
  },

  async destroy() {
    await mailboxWatch?.stop();
    mailboxWatch = undefined;
    await Promise.all([inboxLoop.stop(), outboxLoop.stop(), inboundLoop.stop(), stopNewsletterWorker()]);
    await closeSharedLimits();
  },
};
