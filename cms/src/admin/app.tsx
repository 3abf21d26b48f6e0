import { Message } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { CampaignPanel } from './newsletter/CampaignPanel';
import { SubscriptionStatusPanel } from './newsletter/SubscriptionStatusPanel';
import { ContactDialogPanel } from './workspace/ContactDialogPanel';
import { EventAttendeesPanel } from './workspace/EventAttendeesPanel';
import { InboundReviewPanel } from './workspace/InboundReviewPanel';
import { SuppressionPanel } from './workspace/SuppressionPanel';
import { CONTACT } from '../platform/content-types';
import { translations } from './translations/merged';
import { INJECT_COLUMN_IN_TABLE, labelEnumerationCells } from './content-manager/enumeration-cells';
import { adjustListFilters, INJECT_LIST_VIEW_FILTERS } from './content-manager/list-filters';
import { ScopeNotePanel } from './content-manager/ScopeNotePanel';

/** Where Strapi's admin keeps the interface language of this browser. */
const ADMIN_LANGUAGE_KEY = 'strapi-admin-language';

const REGISTER_READ = [{ action: 'plugin::content-manager.explorer.read', subject: CONTACT }];

export default {
  config: {
    // Editors and guides work in Swedish (every staff user gets it unless they chose English in
    // their profile: bootstrap/admin-language.ts); Strapi's own Swedish is completed where it
    // has gaps (translations/strapi-sv.ts). English is Strapi's built-in locale; the project's
    // texts, the enumeration labels and the content types' names come in both.
    locales: ['sv'],
    translations,
  },
  register(app: StrapiApp) {
    // A browser that has not chosen yet opens the login page in Swedish, as staff work; after
    // login Strapi follows the profile's language. (Strapi's own default is English.)
    if (!window.localStorage.getItem(ADMIN_LANGUAGE_KEY))
      window.localStorage.setItem(ADMIN_LANGUAGE_KEY, 'sv');
    // Lists out of a shared vocabulary (municipalities, topics, themes...) as checkboxes.
    app.customFields.register({
      name: 'choice-list',
      type: 'json',
      intlLabel: { id: 'tasteget.choice-list.label', defaultMessage: 'Choice list' },
      intlDescription: {
        id: 'tasteget.choice-list.description',
        defaultMessage: 'Several values out of a shared list',
      },
      components: {
        // Strapi types a custom input without props; the Content Manager passes the field's.
        Input: async () =>
          (await import('./content-manager/ChoiceListInput')) as unknown as { default: React.ComponentType },
      },
    });
    // The register's own page: guides' queues, figures, and the coordinator's register care.
    // Only roles that read contacts see it (not Redaktör).
    app.addMenuLink({
      to: 'tasteget-register',
      icon: Message,
      intlLabel: { id: 'tasteget.register.menu', defaultMessage: 'Contact register' },
      Component: () => import('./workspace/RegisterPage'),
      permissions: REGISTER_READ,
      position: 1,
    });
    app.widgets.register({
      id: 'register-queue',
      icon: Message,
      title: { id: 'tasteget.register.widget', defaultMessage: 'My queue' },
      component: async () => (await import('./workspace/QueueWidget')).QueueWidget,
      permissions: REGISTER_READ,
      link: {
        label: { id: 'tasteget.register.widget.link', defaultMessage: 'Open the contact register' },
        href: '/tasteget-register',
      },
    });
  },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: { addEditViewSidePanel(panels: unknown[]): void };
    };
    app.registerHook(INJECT_COLUMN_IN_TABLE, labelEnumerationCells);
    app.registerHook(INJECT_LIST_VIEW_FILTERS, adjustListFilters);
    contentManager.apis.addEditViewSidePanel([
      ScopeNotePanel,
      ContactDialogPanel,
      CampaignPanel,
      SubscriptionStatusPanel,
      SuppressionPanel,
      InboundReviewPanel,
      EventAttendeesPanel,
    ]);
  },
};
