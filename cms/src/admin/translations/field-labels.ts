import type { Label } from '@tasteget/shared/browser';
import { COMPONENT_VIEWS, VIEWS } from '../../bootstrap/admin-labels';

/**
 * The field labels of every content type and component, in Swedish and English, under the keys
 * the Content Manager looks a field up by: `content-manager.content-types.<uid>.<field>` (the list
 * view's headers and the edit view) and `content-manager.components.<uid>.<field>` (a component's
 * fields, on their own, repeated or in a dynamic zone). Built from the list the server writes the
 * Swedish labels from (bootstrap/admin-labels.ts), so each label is written once, in both
 * languages. Both languages are given: Strapi falls back to English for a key a locale lacks.
 *
 * The trade-off: the view configuration's label is only the default of these lookups, so a label
 * the coordinator changes under "Configure the view" no longer shows in the list or the edit view
 * (the translation wins, in the list filters too: content-manager/list-filters.tsx). That is the
 * price of following the user's language; a label is changed in bootstrap/admin-labels.ts instead.
 */
export const fieldLabelKey = (uid: string, field: string) => `content-manager.content-types.${uid}.${field}`;
export const componentFieldLabelKey = (uid: string, field: string) =>
  `content-manager.components.${uid}.${field}`;

type Views = Partial<Record<string, { labels: Record<string, Label> }>>;

function keyed(views: Views, key: (uid: string, field: string) => string) {
  return Object.entries(views).flatMap(([uid, view]) =>
    Object.entries(view?.labels ?? {}).map(([field, label]) => [key(uid, field), label] as const),
  );
}

const entries = [...keyed(VIEWS, fieldLabelKey), ...keyed(COMPONENT_VIEWS, componentFieldLabelKey)];

export const fieldLabels: { sv: Record<string, string>; en: Record<string, string> } = {
  sv: Object.fromEntries(entries.map(([key, label]) => [key, label.sv])),
  en: Object.fromEntries(entries.map(([key, label]) => [key, label.en])),
};
