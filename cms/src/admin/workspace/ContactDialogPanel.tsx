import { Badge, Box, Button, Field, Flex, TextInput, Textarea, Typography } from '@strapi/design-system';
import { useFetchClient, useForm } from '@strapi/strapi/admin';
import { GUIDE_ACTIVITY_KINDS } from '@tasteget/shared/browser';
import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { API, errorMessage, useFormatDateTime, useWorkspaceData, type ContactDialog } from './api';
import { useAdminLocale } from './labels';
import { Select } from './Select';
import { CONTACT } from '../../platform/content-types';

type GuideKind = (typeof GUIDE_ACTIVITY_KINDS)[number];

/**
 * The files that came with a mail: each opens through a link the server signs for a few minutes
 * (a download; the file is never a page of the admin).
 */
function Attachments({
  activity,
}: {
  activity: { documentId: string; attachments: { filename: string; size: number }[] };
}) {
  const { formatMessage } = useIntl();
  const { post } = useFetchClient();
  const [error, setError] = useState<string>();
  if (activity.attachments.length === 0) return null;
  const open = async (index: number) => {
    setError(undefined);
    try {
      const { data } = await post<{ data: { url: string } }>(
        `${API}/activities/${activity.documentId}/attachments/${index}/link`,
        {},
      );
      window.location.assign(data.data.url);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={1}>
      {activity.attachments.map((file, index) => (
        <Button key={index} variant="tertiary" size="S" onClick={() => open(index)}>
          {formatMessage(
            { id: 'tasteget.dialog.attachment', defaultMessage: '📎 {name} ({kb} kB)' },
            { name: file.filename, kb: Math.max(1, Math.round(file.size / 1024)) },
          )}
        </Button>
      ))}
      {error && <Typography textColor="danger600">{error}</Typography>}
    </Flex>
  );
}

/**
 * Writes an e-mail to the contact from the card: sent from the programme's address with the
 * guide's name and the contact's reply address, so the answer comes back to this dialog.
 */
function ComposeMail({
  documentId,
  prefersPhone,
  onSent,
}: {
  documentId: string;
  /** The household asked to be called: the agreement's channel comes first, so the box says so. */
  prefersPhone: boolean;
  onSent: () => Promise<void>;
}) {
  const { formatMessage } = useIntl();
  const { post } = useFetchClient();
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [state, setState] = useState<{ sending: boolean; error?: string; sent?: boolean }>({
    sending: false,
  });
  const send = async () => {
    setState({ sending: true });
    try {
      await post(`${API}/contacts/${documentId}/mail`, { subject, text });
      setSubject('');
      setText('');
      setState({ sending: false, sent: true });
      await onSent();
    } catch (error) {
      setState({ sending: false, error: errorMessage(error) });
    }
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="sigma">
        {formatMessage({ id: 'tasteget.dialog.compose', defaultMessage: 'Write an e-mail' })}
      </Typography>
      {prefersPhone ? (
        <Box background="warning100" padding={2} hasRadius>
          <Typography textColor="warning700">
            {formatMessage({
              id: 'tasteget.dialog.prefers-phone',
              defaultMessage:
                'They asked to be called. Call first and log the call; write when you cannot reach them.',
            })}
          </Typography>
        </Box>
      ) : null}
      <Field.Root name="mail-subject">
        <Field.Label>
          {formatMessage({ id: 'tasteget.dialog.mail-subject', defaultMessage: 'E-mail subject' })}
        </Field.Label>
        <TextInput
          value={subject}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSubject(e.target.value)}
        />
      </Field.Root>
      <Field.Root name="mail-text" error={state.error}>
        <Field.Label>
          {formatMessage({ id: 'tasteget.dialog.mail-text', defaultMessage: 'E-mail text' })}
        </Field.Label>
        <Textarea
          value={text}
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setText(e.target.value)}
        />
        <Field.Error />
      </Field.Root>
      <Button
        type="button"
        onClick={() => void send()}
        loading={state.sending}
        disabled={state.sending || subject.trim() === '' || text.trim() === ''}
        fullWidth
      >
        {formatMessage({ id: 'tasteget.dialog.send-mail', defaultMessage: 'Send e-mail' })}
      </Button>
      {state.sent ? (
        <Typography role="status" textColor="success600">
          {formatMessage({
            id: 'tasteget.dialog.mail-sent',
            defaultMessage: 'Sent and logged in the dialog.',
          })}
        </Typography>
      ) : null}
    </Flex>
  );
}

/** Deadline state in words: what the guide must do about it. */
function Deadline({ contact }: { contact: ContactDialog['contact'] }) {
  const { formatMessage } = useIntl();
  const formatDateTime = useFormatDateTime();
  if (contact.firstRespondedAt) {
    return (
      <Badge>
        {formatMessage(
          { id: 'tasteget.dialog.answered', defaultMessage: 'Answered {when}' },
          { when: formatDateTime(contact.firstRespondedAt) },
        )}
      </Badge>
    );
  }
  if (!contact.firstResponseDueAt) return null;
  const late = new Date(contact.firstResponseDueAt) < new Date();
  const when = formatDateTime(contact.firstResponseDueAt);
  return (
    <Typography textColor={late ? 'danger600' : 'warning600'} fontWeight="bold">
      {late
        ? formatMessage(
            { id: 'tasteget.dialog.overdue', defaultMessage: 'Overdue! Should have been answered {when}' },
            { when },
          )
        : formatMessage({ id: 'tasteget.dialog.due', defaultMessage: 'Answer by {when}' }, { when })}
    </Typography>
  );
}

function DialogContent({ documentId }: { documentId: string }) {
  const { formatMessage } = useIntl();
  // The platform's own lines are stored in both languages; what people wrote, as they wrote it.
  const english = useAdminLocale() === 'en';
  const formatDateTime = useFormatDateTime();
  // Enumeration values are translation keys of their own (shared/src/value-labels.ts).
  const valueLabel = (value: string) => formatMessage({ id: value, defaultMessage: value });
  const { post } = useFetchClient();
  const dialog = useWorkspaceData<ContactDialog>(`/contacts/${documentId}/dialog`);
  // A save of the card writes its change line ("Ändrat: …"): read the dialog again once saved.
  const modified = useForm('ContactDialogPanel', (s) => s.modified);
  const wasModified = useRef(false);
  const { reload } = dialog;
  useEffect(() => {
    if (wasModified.current && !modified) void reload();
    wasModified.current = modified;
  }, [modified, reload]);
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
  if (!dialog.data) {
    return (
      <Typography>
        {formatMessage({ id: 'tasteget.dialog.loading', defaultMessage: 'Loading the dialog…' })}
      </Typography>
    );
  }
  const { contact, activities } = dialog.data;
  /** What the person said on the phone about being contacted, recorded with the guide's name. */
  const recordConsent = async (event: 'given' | 'withdrawn') => {
    setState({ saving: true });
    try {
      await post(`${API}/contacts/${documentId}/consent`, { event });
      setState({ saving: false });
      await dialog.reload();
    } catch (error) {
      setState({ saving: false, error: errorMessage(error) });
    }
  };
  const withdrawn = !!contact.contactConsentWithdrawnAt;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      {withdrawn ? (
        <Box background="danger100" padding={3} hasRadius>
          <Typography fontWeight="bold" textColor="danger700">
            {formatMessage(
              {
                id: 'tasteget.dialog.consent-withdrawn',
                defaultMessage: 'Consent to be contacted withdrawn {when}. Do not contact them.',
              },
              { when: formatDateTime(contact.contactConsentWithdrawnAt!) },
            )}
          </Typography>
        </Box>
      ) : null}
      <Box background="primary100" padding={3} hasRadius>
        <Typography variant="sigma">
          {formatMessage({ id: 'tasteget.dialog.channel', defaultMessage: 'Wants to be contacted by' })}
        </Typography>
        <Typography tag="p" variant="delta">
          {contact.preferredChannel === 'phone'
            ? formatMessage(
                { id: 'tasteget.dialog.phone', defaultMessage: '☎ Phone: {phone}' },
                {
                  phone:
                    contact.phone ??
                    formatMessage({ id: 'tasteget.dialog.no-number', defaultMessage: 'number missing' }),
                },
              )
            : formatMessage(
                { id: 'tasteget.dialog.email', defaultMessage: '✉ E-mail: {email}' },
                { email: contact.email },
              )}
        </Typography>
      </Box>
      <Deadline contact={contact} />
      <Typography>
        {formatMessage(
          { id: 'tasteget.dialog.status', defaultMessage: 'Status: {status}' },
          { status: valueLabel(contact.moveStatus) },
        )}
      </Typography>

      {dialog.data.canWrite ? null : (
        <Box background="neutral150" padding={3} hasRadius>
          <Typography>
            {formatMessage(
              {
                id: 'tasteget.dialog.read-only',
                defaultMessage:
                  'The contact is in the queue of {queue}: you can read the card, and that queue answers and updates it.',
              },
              { queue: valueLabel(contact.assignedMunicipality) },
            )}
          </Typography>
        </Box>
      )}
      {dialog.data.canWrite ? (
        <>
          {/* No <form>: the panel sits inside the Content Manager's form, and a nested form would save the card. */}
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Select<GuideKind>
              label={formatMessage({ id: 'tasteget.dialog.kind', defaultMessage: 'Activity' })}
              value={kind}
              onChange={setKind}
              options={GUIDE_ACTIVITY_KINDS.map((k) => ({ value: k, label: valueLabel(k) }))}
            />
            <Field.Root name="activity-summary" error={state.error}>
              <Field.Label>
                {formatMessage({ id: 'tasteget.dialog.summary', defaultMessage: 'What was said or done?' })}
              </Field.Label>
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
              {formatMessage({ id: 'tasteget.dialog.log', defaultMessage: 'Log activity' })}
            </Button>
            {state.saved ? (
              <Typography role="status" textColor="success600">
                {formatMessage({
                  id: 'tasteget.dialog.logged',
                  defaultMessage: 'Logged. Reload the page before you change the fields on the left.',
                })}
              </Typography>
            ) : null}
          </Flex>

          {withdrawn ? null : (
            <ComposeMail
              documentId={documentId}
              prefersPhone={contact.preferredChannel === 'phone'}
              onSent={dialog.reload}
            />
          )}
          {/* The address is one long word: broken anywhere rather than cut off at the panel's edge. */}
          <Typography variant="pi" textColor="neutral600" style={{ overflowWrap: 'anywhere' }}>
            {formatMessage(
              {
                id: 'tasteget.dialog.bcc',
                defaultMessage: 'Writing from Outlook? Put {address} in Bcc and the mail is logged here.',
              },
              { address: dialog.data.bccAddress },
            )}
          </Typography>

          <Button
            type="button"
            variant="tertiary"
            disabled={state.saving}
            onClick={() => void recordConsent(withdrawn ? 'given' : 'withdrawn')}
            fullWidth
          >
            {withdrawn
              ? formatMessage({
                  id: 'tasteget.dialog.consent-give',
                  defaultMessage: 'They want to be contacted again (said on the phone)',
                })
              : formatMessage({
                  id: 'tasteget.dialog.consent-withdraw',
                  defaultMessage: 'They no longer want to be contacted (said on the phone)',
                })}
          </Button>
        </>
      ) : null}

      <Box>
        <Typography variant="sigma">
          {formatMessage(
            { id: 'tasteget.dialog.log-title', defaultMessage: 'Dialog ({count})' },
            { count: activities.length },
          )}
        </Typography>
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
                {formatDateTime(a.occurredAt)} · {valueLabel(a.kind)}
                {a.direction ? ` · ${valueLabel(a.direction)}` : ''}
                {a.performedBy ? ` · ${a.performedBy}` : ''}
              </Typography>
              <Typography tag="p" style={{ whiteSpace: 'pre-line' }}>
                {english && a.summaryEn ? a.summaryEn : a.summary}
              </Typography>
              <Attachments activity={a} />
            </Box>
          ))}
        </Flex>
      </Box>
    </Flex>
  );
}

/**
 * The contact card's side panel: channel, deadline, one-step activity logging, the dialog log.
 * Strapi renders a panel as a component, so it may use hooks (before its early return).
 */
export const ContactDialogPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  const { formatMessage } = useIntl();
  if (model !== CONTACT || !documentId) return null;
  return {
    title: formatMessage({ id: 'tasteget.dialog.title', defaultMessage: 'Dialog' }),
    content: <DialogContent documentId={documentId} />,
  };
};
