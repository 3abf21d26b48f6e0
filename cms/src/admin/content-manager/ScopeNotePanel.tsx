import { Box, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { CONTACT } from '../../platform/content-types';
import { API } from '../workspace/api';
import { useAdminLocale } from '../workspace/labels';

type Scope = { mayUpdate: boolean; reason: { sv: string; en: string } | null };

/**
 * Says on the edit view, before any work is done, that this user's save would be refused because
 * the record is another municipality's or another queue's (GET /tasteget/scope). Strapi's form
 * checks a role's rights, not its conditions, so it opens such a record as an editable form.
 * Shown only then; a contact says it in its own Dialog panel. (A panel is called as a hook.)
 */
export const ScopeNotePanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const locale = useAdminLocale();
  const [scope, setScope] = useState<Scope>();
  const asks = !!documentId && model !== CONTACT && model.startsWith('api::');
  useEffect(() => {
    setScope(undefined);
    if (!asks) return;
    let current = true;
    get<{ data: Scope }>(`${API}/scope`, { params: { model, documentId } })
      .then(({ data }) => current && setScope(data.data))
      // Not readable, or gone: Strapi's own view says so.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [get, asks, model, documentId]);
  if (!asks || !scope?.reason) return null;
  return {
    title: formatMessage({ id: 'tasteget.scope.title', defaultMessage: 'Read only for you' }),
    content: (
      <Box background="warning100" padding={3} hasRadius width="100%">
        <Typography role="note">{scope.reason[locale]}</Typography>
      </Box>
    ),
  };
};
