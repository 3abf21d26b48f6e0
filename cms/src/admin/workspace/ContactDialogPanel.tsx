import { Badge, Box, Button, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { ACTIVITY_KINDS, CONTACT_STATUSES, GUIDE_ACTIVITY_KINDS } from '@tasteget/shared/browser';
import { useState } from 'react';
import { API, errorMessage, formatDateTime, useWorkspaceData, type ContactDialog } from './api';
import { Select } from './Select';
import { CONTACT } from '../../platform/content-types';

type GuideKind = (typeof GUIDE_ACTIVITY_KINDS)[number];
type Status = keyof typeof CONTACT_STATUSES.labels;
type Kind = keyof typeof ACTIVITY_KINDS.labels;

/** Deadline state in words: what the guide must do about it. */
function Deadline({ contact }: { contact: ContactDialog['contact'] }) {
  if (contact.firstRespondedAt) {
    return <Badge>{`Besvarad ${formatDateTime(contact.firstRespondedAt)}`}</Badge>;
  }
  if (!contact.firstResponseDueAt) return null;
  const late = new Date(contact.firstResponseDueAt) < new Date();
  return (
    <Typography textColor={late ? 'danger600' : 'warning600'} fontWeight="bold">
      {late ? 'Försenad! Skulle ha besvarats ' : 'Svara senast '}
      {formatDateTime(contact.firstResponseDueAt)}
    </Typography>
  );
}

function DialogContent({ documentId }: { documentId: string }) {
  const { post } = useFetchClient();
  const dialog = useWorkspaceData<ContactDialog>(`/contacts/${documentId}/dialog`);
  const [kind, setKind] = useState<GuideKind>('call');
  const [summary, setSummary] = useState('');
  const [state, setState] = useState<{ saving: boolean; error?: string; saved?: boolean }>({ saving: false });

  const log = async () => {
    setState({ saving: true });
    try {
      await post(`${API}/contacts/${documentId}/activities`, { kind, summary });
      setSummary('');
      setState({ saving: false, saved: true });
      await dialog.reload();
    } catch (error) {
      setState({ saving: false, error: errorMessage(error) });
    }
  };

  if (dialog.error) return <Typography textColor="danger600">{dialog.error}</Typography>;
  if (!dialog.data) return <Typography>Hämtar dialogen…</Typography>;
  const { contact, activities } = dialog.data;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <Box background="primary100" padding={3} hasRadius>
        <Typography variant="sigma">Vill bli kontaktad via</Typography>
        <Typography tag="p" variant="delta">
          {contact.preferredChannel === 'phone'
            ? `☎ Telefon: ${contact.phone ?? 'nummer saknas'}`
            : `✉ E-post: ${contact.email}`}
        </Typography>
      </Box>
      <Deadline contact={contact} />
      <Typography>
        Status: {CONTACT_STATUSES.labels[contact.moveStatus as Status]?.sv ?? contact.moveStatus}
      </Typography>

      {/* No <form>: the panel sits inside the Content Manager's form, and a nested form would save the card. */}
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Select<GuideKind>
          label="Aktivitet"
          value={kind}
          onChange={setKind}
          options={GUIDE_ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KINDS.labels[k].sv }))}
        />
        <Field.Root name="activity-summary" error={state.error}>
          <Field.Label>Vad sades eller gjordes?</Field.Label>
          <Textarea
            value={summary}
            onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setSummary(e.target.value)}
          />
          <Field.Error />
        </Field.Root>
        <Button
          type="button"
          onClick={() => void log()}
          loading={state.saving}
          disabled={state.saving || summary.trim() === ''}
          fullWidth
        >
          Logga aktivitet
        </Button>
        {state.saved ? (
          <Typography role="status" textColor="success600">
            Loggat. Ladda om sidan innan du ändrar fälten till vänster.
          </Typography>
        ) : null}
      </Flex>

      <Box>
        <Typography variant="sigma">Dialog ({activities.length})</Typography>
        <Flex
          tag="ol"
          direction="column"
          alignItems="stretch"
          gap={2}
          paddingTop={2}
          style={{ listStyle: 'none', padding: 0 }}
        >
          {activities.map((a) => (
            <Box
              tag="li"
              key={a.documentId}
              paddingTop={2}
              borderColor="neutral200"
              style={{ borderTopWidth: 1, borderTopStyle: 'solid' }}
            >
              <Typography variant="pi" textColor="neutral600">
                {formatDateTime(a.occurredAt)} · {ACTIVITY_KINDS.labels[a.kind as Kind]?.sv ?? a.kind}
                {a.performedBy ? ` · ${a.performedBy}` : ''}
              </Typography>
              <Typography tag="p">{a.summary}</Typography>
            </Box>
          ))}
        </Flex>
      </Box>
    </Flex>
  );
}

/** The contact card's side panel: channel, deadline, one-step activity logging, the dialog log. */
export const ContactDialogPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  if (model !== CONTACT || !documentId) return null;
  return { title: 'Dialog', content: <DialogContent documentId={documentId} /> };
};
