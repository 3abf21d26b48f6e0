import type { Core, UID } from '@strapi/strapi';
import { ACTIVITY, AUDIT, CONTACT, GUIDE_ASSIGNMENT, KOMMUN } from '../platform/content-types';

/**
 * Swedish labels for the contact register in the Content Manager (guides work in Swedish; field
 * names like `firstResponseDueAt` mean nothing to them), which field titles an entry, and which
 * fields are the system's bookkeeping and not for editing by hand (deadline, first response, last
 * activity, consent records). Applied on every start, but only where a label is still the field's
 * own name, so a label the coordinator changed in "Configure the view" stays.
 */
type Labels = { mainField?: string; labels: Record<string, string>; readOnly?: string[] };

const REGISTER_VIEWS: Partial<Record<UID.ContentType, Labels>> = {
  [CONTACT]: {
    mainField: 'firstName',
    labels: {
      firstName: 'Förnamn',
      lastName: 'Efternamn',
      email: 'E-post',
      phone: 'Telefon',
      preferredChannel: 'Vill bli kontaktad via',
      countyTie: 'Anknytning till länet',
      householdSize: 'Personer i hushållet',
      children: 'Barn',
      municipalities: 'Kommuner',
      topics: 'Ämnen',
      occupation: 'Yrke eller bransch',
      currentLocation: 'Bor nu',
      plannedMoveTime: 'Planerad flytt',
      message: 'Meddelande',
      source: 'Källa',
      sourceMunicipality: 'Källa: kommunens webbplats',
      language: 'Språk',
      contactConsentAt: 'Samtycke till kontakt',
      contactConsentVersion: 'Samtyckestext (version)',
      newsletterConsentAt: 'Samtycke till nyhetsbrev',
      newsletterConsentVersion: 'Nyhetsbrevssamtycke (version)',
      moveStatus: 'Status',
      assignedMunicipality: 'Ansvarig kö',
      assignedGuide: 'Ansvarig vägledare',
      firstResponseDueAt: 'Svara senast',
      firstRespondedAt: 'Första svar',
      lastActivityAt: 'Senaste aktivitet',
      movedAt: 'Flyttdatum',
      movedTo: 'Flyttade till',
      activities: 'Aktiviteter',
      magazineOrders: 'Tidningsbeställningar',
      newsletterSubscriptions: 'Prenumerationer',
    },
    readOnly: [
      'firstResponseDueAt',
      'firstRespondedAt',
      'lastActivityAt',
      'contactConsentAt',
      'contactConsentVersion',
      'newsletterConsentAt',
      'newsletterConsentVersion',
    ],
  },
  [ACTIVITY]: {
    mainField: 'summary',
    labels: {
      contact: 'Kontakt',
      kind: 'Typ',
      summary: 'Vad sades eller gjordes',
      occurredAt: 'När',
      performedBy: 'Av',
    },
  },
  [GUIDE_ASSIGNMENT]: {
    mainField: 'queue',
    labels: { user: 'Vägledare', queue: 'Kö', receivesReminders: 'Daglig påminnelse' },
  },
  // The one register setting on a content page: what the guides' notice mail may carry.
  [KOMMUN]: {
    labels: { guideNoticeFullText: 'Hela registreringen i vägledarens mejl' },
  },
  [AUDIT]: {
    mainField: 'action',
    labels: { action: 'Åtgärd', rule: 'Regel', counts: 'Antal', ranAt: 'När', ranBy: 'Utförd av' },
    readOnly: ['action', 'rule', 'counts', 'ranAt', 'ranBy'],
  },
};

type Metadata = { edit: { label?: string; editable?: boolean }; list: { label?: string } };
type Configuration = {
  settings: { mainField?: string };
  metadatas: Record<string, Metadata>;
  layouts: unknown;
};

export async function applyRegisterLabels(strapi: Core.Strapi) {
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  for (const [uid, view] of Object.entries(REGISTER_VIEWS) as [UID.ContentType, Labels][]) {
    const contentType = contentTypes.findContentType(uid);
    const configuration = (await contentTypes.findConfiguration(contentType)) as Configuration;
    let changed = false;
    for (const [field, label] of Object.entries(view.labels)) {
      const metadata = configuration.metadatas[field];
      if (!metadata) continue;
      for (const place of [metadata.edit, metadata.list]) {
        if (place.label === undefined || place.label === field) {
          place.label = label;
          changed = true;
        }
      }
      if (view.readOnly?.includes(field) && metadata.edit.editable !== false) {
        metadata.edit.editable = false;
        changed = true;
      }
    }
    if (view.mainField && configuration.settings.mainField !== view.mainField) {
      configuration.settings.mainField = view.mainField;
      changed = true;
    }
    if (changed) {
      await contentTypes.updateConfiguration(contentType, {
        settings: configuration.settings,
        metadatas: configuration.metadatas,
        layouts: configuration.layouts,
      });
    }
  }
}
