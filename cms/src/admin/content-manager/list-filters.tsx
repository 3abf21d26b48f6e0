import { useEffect, useState } from 'react';
import { Combobox, ComboboxOption } from '@strapi/design-system';
import { getFetchClient, useField } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { fieldLabels, fieldLabelKey } from '../translations/field-labels';

/**
 * The list view's filters, through the Content Manager's filter hook:
 * - a field is named in the user's admin language, as the list's headers are (Strapi takes the
 *   filter's name from the view configuration, which holds one language), Strapi's own fields
 *   (created, last changed, ids) too;
 * - a long text field (a message, notes) is filtered with a one-line box that Enter submits,
 *   not a text area;
 * - a relation to an admin user (a contact's guide, who did an activity) is chosen among the
 *   register's staff by name, from the Content Manager's relation route (the server names them:
 *   workspace/staff-picker.ts). Strapi's own input asks for its user list, which only those who
 *   manage users may read: for everyone else it stayed empty.
 */
type Option = { label: string; value: string };
type Filter = {
  name: string;
  label?: unknown;
  type?: string;
  input?: unknown;
  options?: Option[];
  mainField?: { name: string; type?: string };
};
type FilterHookArgs = { displayedFilters: Filter[]; layout: unknown };

/** The content type of the list on screen (the hook is not told it). */
const listModel = () =>
  /\/content-manager\/collection-types\/([^/?#]+)/.exec(window.location.pathname)?.[1] ?? null;

type RelationPage = { results?: ({ id: number; email?: string } & Record<string, unknown>)[] };
type StaffList = { options: Option[]; loaded: Promise<Option[]> };

/**
 * The staff of a relation, by e-mail, loaded once per page load: the filter's input offers them
 * and the filter's tag (Strapi looks in the same array, filled in place) names the user it
 * filters by. The filter is on the e-mail, not the id, so a tag shown before the names arrive
 * (the page opened with the filter in its address) still says whom it means, and is drawn again
 * with the name once they are there (`redrawFilterTags`).
 */
const staffLists = new Map<string, StaffList>();

/**
 * Strapi draws the filter tags when the list's address changes, and nothing of ours can reach
 * them: the same address given again (a history pop to where the page already is) makes the
 * router draw them once more, now with the names. Only when a tag of `field` is on screen.
 */
function redrawFilterTags(field: string) {
  const filtered = new URLSearchParams(window.location.search);
  if (![...filtered.keys()].some((key) => key.startsWith('filters[') && key.includes(`[${field}]`))) return;
  window.history.replaceState(window.history.state, '', window.location.href);
  window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
}

function staffList(model: string, field: string): StaffList {
  const key = `${model}.${field}`;
  const known = staffLists.get(key);
  if (known) return known;
  const options: Option[] = [];
  const loaded = getFetchClient()
    .get<RelationPage>(`/content-manager/relations/${model}/${field}`, { params: { pageSize: 100 } })
    .then(({ data }) => {
      // The server names each user in the relation's title field, the one besides the ids and e-mail.
      const named = (data.results ?? []).flatMap(({ id: _id, documentId: _documentId, email, ...title }) =>
        email ? [{ value: email, label: String(Object.values(title)[0] ?? email) }] : [],
      );
      options.splice(0, options.length, ...named);
      if (named.length > 0) redrawFilterTags(field);
      return options;
    })
    .catch(() => {
      staffLists.delete(key); // asked again next time, e.g. after signing in as someone allowed
      return options;
    });
  const list = { options, loaded };
  staffLists.set(key, list);
  return list;
}

function staffFilter(model: string, field: string) {
  return function StaffFilter({ name }: { name: string }) {
    const { formatMessage } = useIntl();
    const input = useField(name);
    const list = staffList(model, field);
    const [options, setOptions] = useState<Option[]>([...list.options]);
    const [loading, setLoading] = useState(true);
    useEffect(() => {
      let current = true;
      void list.loaded.then((loaded) => {
        if (!current) return;
        setOptions([...loaded]);
        setLoading(false);
      });
      return () => {
        current = false;
      };
    }, [list]);
    return (
      <Combobox
        value={typeof input.value === 'string' ? input.value : undefined}
        aria-label={formatMessage({
          id: 'tasteget.filters.staff',
          defaultMessage: 'Search and choose a member of staff',
        })}
        placeholder={formatMessage({
          id: 'tasteget.filters.staff.placeholder',
          defaultMessage: 'Choose a member of staff',
        })}
        loadingMessage={formatMessage({
          id: 'tasteget.filters.staff.loading',
          defaultMessage: 'Loading staff …',
        })}
        noOptionsMessage={() =>
          formatMessage({
            id: 'tasteget.filters.staff.none',
            defaultMessage: 'No member of staff by that name',
          })
        }
        clearLabel={formatMessage({ id: 'tasteget.filters.staff.clear', defaultMessage: 'Clear' })}
        onClear={() => input.onChange(name, undefined)}
        loading={loading}
        onChange={(value?: string) => input.onChange(name, value)}
      >
        {options.map((option) => (
          <ComboboxOption key={option.value} value={option.value}>
            {option.label}
          </ComboboxOption>
        ))}
      </Combobox>
    );
  };
}

const staffInputs = new Map<string, ReturnType<typeof staffFilter>>();

function staffInput(model: string, field: string) {
  const key = `${model}.${field}`;
  if (!staffInputs.has(key)) staffInputs.set(key, staffFilter(model, field));
  return { input: staffInputs.get(key)!, options: staffList(model, field).options };
}

/** Strapi's own fields, which it offers to filter by under their raw names. */
const STRAPI_FIELDS: Record<string, { id: string; defaultMessage: string }> = {
  id: { id: 'tasteget.filters.field.id', defaultMessage: 'Id' },
  documentId: { id: 'tasteget.filters.field.documentId', defaultMessage: 'Document id' },
  createdAt: { id: 'tasteget.filters.field.createdAt', defaultMessage: 'Created' },
  updatedAt: { id: 'tasteget.filters.field.updatedAt', defaultMessage: 'Last changed' },
  publishedAt: { id: 'tasteget.filters.field.publishedAt', defaultMessage: 'Published' },
  createdBy: { id: 'tasteget.filters.field.createdBy', defaultMessage: 'Created by' },
  updatedBy: { id: 'tasteget.filters.field.updatedBy', defaultMessage: 'Last changed by' },
};

export function adjustListFilters({ displayedFilters, layout }: FilterHookArgs): FilterHookArgs {
  const model = listModel();
  if (!model) return { displayedFilters, layout };
  return {
    layout,
    displayedFilters: displayedFilters.map((filter) => {
      const key = fieldLabelKey(model, filter.name);
      const own = Object.hasOwn(STRAPI_FIELDS, filter.name) ? STRAPI_FIELDS[filter.name] : null;
      let next: Filter =
        key in fieldLabels.en
          ? { ...filter, label: { id: key, defaultMessage: filter.label } }
          : own
            ? { ...filter, label: own }
            : filter;
      if (next.type === 'text') next = { ...next, type: 'string' };
      if (next.mainField?.type === 'text')
        next = { ...next, mainField: { ...next.mainField, type: 'string' } };
      // Strapi marks its admin-user filter by its own input: it is the only one it gives one. Its
      // operators (is, is not) stay.
      if (next.type === 'relation' && next.input)
        next = {
          ...next,
          ...staffInput(model, filter.name),
          mainField: { name: 'email', type: 'string' },
        };
      return next;
    }),
  };
}

export const INJECT_LIST_VIEW_FILTERS = 'Admin/CM/pages/ListView/inject-in-filters';
