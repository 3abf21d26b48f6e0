import { Box, Button, Field, Flex, Modal, Tabs, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient, useForm } from '@strapi/strapi/admin';
import type { CampaignProgress } from '../../newsletter/campaign-status';
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { CAMPAIGN } from '../../platform/content-types';
import { useStartOver } from '../content-manager/start-over';
import { errorMessage as refusalMessage } from '../workspace/api';
import { adminLocale } from '../workspace/labels';
import { SegmentBuilder } from './SegmentBuilder';

/**
 * The campaign's side panel in the Content Manager: the segment builder and the live recipient
 * count with a sample of ten, "Förhandsgranska" (desktop and mobile width, text part), "Skicka test", "Skicka" and,
 * while sending, a progress bar with pause, resume and cancel. Calls the newsletter admin API
 * (cms/src/newsletter/admin-routes.ts); the server checks the role.
 */
const API = '/tasteget-newsletter';
const POLL_MS = 2000;

/** `refusal`: why this user may not act on the campaign in its state (the progress route only). */
type Progress = CampaignProgress & { refusal?: { sv: string; en: string } | null };
interface Preview {
  subject: string;
  html: string;
  text: string;
  sample: string;
}

/** The segment's issues the server named, if it refused the segment. */
function segmentIssues(error: unknown) {
  const issues = (error as { response?: { data?: { error?: { details?: { issues?: unknown } } } } }).response
    ?.data?.error?.details?.issues as { message: { sv: string; en: string } | string }[] | undefined;
  return issues?.length ? issues : null;
}

/** The server's message in the user's admin language, and each segment issue in it. */
function errorMessage(error: unknown, locale: string): string {
  const issues = segmentIssues(error) ?? [];
  return [
    refusalMessage(error),
    ...issues.map((i) => (typeof i.message === 'string' ? i.message : i.message[adminLocale(locale)])),
  ].join(' ');
}

/** The newsletter picked in the form but not yet saved (a relation's pending `connect`), if any. */
function pickedNewsletter(value: unknown): string | undefined {
  const connect = (value as { connect?: { documentId?: string }[] } | null)?.connect;
  return connect?.[connect.length - 1]?.documentId;
}

type Sample = { firstName: string | null; email: string; municipalities: string[] };

function RecipientCount({
  documentId,
  onCount,
}: {
  documentId?: string;
  /** The count as it stands, for the send button's question. */
  onCount: (count: number | undefined) => void;
}) {
  const { formatMessage, locale } = useIntl();
  const { post } = useFetchClient();
  const audience = useForm('CampaignPanel', (s) => (s.values as { audience?: string }).audience);
  const segment = useForm('CampaignPanel', (s) => (s.values as { segment?: unknown }).segment);
  const newsletter = useForm('CampaignPanel', (s) =>
    pickedNewsletter((s.values as { newsletter?: unknown }).newsletter),
  );
  const language = useForm('CampaignPanel', (s) => (s.values as { language?: string }).language);
  const [state, setState] = useState<{
    count?: number;
    byLanguage?: Record<'sv' | 'en', number>;
    sample?: Sample[];
    error?: string;
  }>({});
  const body = JSON.stringify({
    audience: audience ?? 'subscribers',
    segment: segment ?? null,
    ...(documentId ? { campaign: documentId } : {}),
    ...(newsletter ? { newsletter } : {}),
  });

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const { data } = await post<{
          data: { count: number; byLanguage: Record<'sv' | 'en', number>; sample: Sample[] };
        }>(`${API}/count`, JSON.parse(body));
        if (!cancelled) {
          setState(data.data);
          onCount(data.data.count);
        }
      } catch (error) {
        if (!cancelled) {
          // The segment builder names what is wrong with the segment beside the condition: here
          // it would be said twice.
          setState({
            error: segmentIssues(error)
              ? formatMessage({
                  id: 'tasteget.campaign.countWaits',
                  defaultMessage: 'The recipients are counted once every condition is complete.',
                })
              : errorMessage(error, locale),
          });
          onCount(undefined);
        }
      }
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [post, body, locale, onCount, formatMessage]);

  if (state.error) return <Typography textColor="danger600">{state.error}</Typography>;
  // A campaign is written in one language (Swedish unless the form says English).
  const campaignLanguage = language === 'en' ? 'en' : 'sv';
  const otherLanguage = state.byLanguage?.[campaignLanguage === 'sv' ? 'en' : 'sv'] ?? 0;
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Typography role="status">
        {state.count === undefined
          ? formatMessage({ id: 'tasteget.campaign.counting', defaultMessage: 'Counting recipients…' })
          : formatMessage(
              { id: 'tasteget.campaign.count', defaultMessage: 'Recipients right now: {count, number}' },
              { count: state.count },
            )}
      </Typography>
      {otherLanguage > 0 ? (
        <Typography role="note" textColor="warning600">
          {campaignLanguage === 'en'
            ? formatMessage(
                {
                  id: 'tasteget.campaign.otherLanguage.en',
                  defaultMessage:
                    '{count, plural, one {# recipient} other {# recipients}} chose Swedish, and the campaign is in English. Add the condition Language to leave them out, or make a Swedish campaign for them.',
                },
                { count: otherLanguage },
              )
            : formatMessage(
                {
                  id: 'tasteget.campaign.otherLanguage.sv',
                  defaultMessage:
                    '{count, plural, one {# recipient} other {# recipients}} chose English, and the campaign is in Swedish. Add the condition Language to leave them out, or make an English campaign for them.',
                },
                { count: otherLanguage },
              )}
        </Typography>
      ) : null}
      {state.sample?.length ? (
        <Box
          tag="ul"
          aria-label={formatMessage({ id: 'tasteget.campaign.sample', defaultMessage: 'Some of them' })}
        >
          {state.sample.map((r) => (
            <Typography tag="li" key={r.email} variant="pi">
              {[r.firstName, r.email].filter(Boolean).join(' · ')}
              {r.municipalities.length ? ` (${r.municipalities.join(', ')})` : ''}
            </Typography>
          ))}
        </Box>
      ) : null}
    </Flex>
  );
}

function PreviewModal({ documentId }: { documentId: string }) {
  const { formatMessage, locale } = useIntl();
  const { post } = useFetchClient();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string>();
  const open = async () => {
    setError(undefined);
    try {
      const { data } = await post<{ data: Preview }>(`${API}/campaigns/${documentId}/preview`, {});
      setPreview(data.data);
    } catch (e) {
      setError(errorMessage(e, locale));
    }
  };
  return (
    <>
      <Button type="button" variant="secondary" fullWidth onClick={() => void open()}>
        {formatMessage({ id: 'tasteget.campaign.preview', defaultMessage: 'Preview' })}
      </Button>
      {error ? <Typography textColor="danger600">{error}</Typography> : null}
      <Modal.Root open={preview !== null} onOpenChange={(isOpen: boolean) => !isOpen && setPreview(null)}>
        <Modal.Content style={{ maxWidth: 720, width: '90vw' }}>
          <Modal.Header>
            <Modal.Title>{preview?.subject}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Typography variant="pi" textColor="neutral600">
              {formatMessage(
                { id: 'tasteget.campaign.preview.sample', defaultMessage: 'As {sample} sees it.' },
                { sample: preview?.sample },
              )}
            </Typography>
            <Tabs.Root defaultValue="desktop">
              <Tabs.List
                aria-label={formatMessage({
                  id: 'tasteget.campaign.preview.tabs',
                  defaultMessage: 'Preview',
                })}
              >
                <Tabs.Trigger value="desktop">
                  {formatMessage({ id: 'tasteget.campaign.preview.desktop', defaultMessage: 'Desktop' })}
                </Tabs.Trigger>
                <Tabs.Trigger value="mobile">
                  {formatMessage({ id: 'tasteget.campaign.preview.mobile', defaultMessage: 'Mobile' })}
                </Tabs.Trigger>
                <Tabs.Trigger value="text">
                  {formatMessage({ id: 'tasteget.campaign.preview.text', defaultMessage: 'Text' })}
                </Tabs.Trigger>
              </Tabs.List>
              {(['desktop', 'mobile'] as const).map((width) => (
                <Tabs.Content key={width} value={width}>
                  <iframe
                    title={
                      width === 'desktop'
                        ? formatMessage({
                            id: 'tasteget.campaign.preview.frame.desktop',
                            defaultMessage: 'Preview, desktop',
                          })
                        : formatMessage({
                            id: 'tasteget.campaign.preview.frame.mobile',
                            defaultMessage: 'Preview, mobile',
                          })
                    }
                    sandbox=""
                    srcDoc={preview?.html}
                    style={{
                      width: width === 'desktop' ? 640 : 375,
                      height: 600,
                      border: 0,
                      maxWidth: '100%',
                    }}
                  />
                </Tabs.Content>
              ))}
              <Tabs.Content value="text">
                <Box
                  tag="pre"
                  padding={2}
                  style={{ whiteSpace: 'pre-wrap', maxHeight: 600, overflow: 'auto' }}
                >
                  {preview?.text}
                </Box>
              </Tabs.Content>
            </Tabs.Root>
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </>
  );
}

function TestSend({ documentId }: { documentId: string }) {
  const { formatMessage, locale } = useIntl();
  const { post } = useFetchClient();
  const [emails, setEmails] = useState('');
  const [state, setState] = useState<{ busy?: boolean; error?: string; done?: string }>({});
  const send = async () => {
    setState({ busy: true });
    try {
      const list = emails
        .split(/[\s,;]+/)
        .map((e) => e.trim())
        .filter(Boolean);
      const { data } = await post<{ data: { sent: number; suppressed: string[] } }>(
        `${API}/campaigns/${documentId}/test-send`,
        { emails: list },
      );
      const sent = formatMessage(
        {
          id: 'tasteget.campaign.test.sent',
          defaultMessage: '{count, plural, one {Test sent to # address.} other {Test sent to # addresses.}}',
        },
        { count: data.data.sent },
      );
      // An address on the suppression list gets no test either: the user is told which, and why.
      const blocked = data.data.suppressed.length
        ? ` ${formatMessage(
            {
              id: 'tasteget.campaign.test.suppressed',
              defaultMessage: 'Not sent to {addresses}: blocked after a bounce or spam report.',
            },
            { addresses: data.data.suppressed.join(', ') },
          )}`
        : '';
      setState({ done: sent + blocked });
    } catch (error) {
      setState({ error: errorMessage(error, locale) });
    }
  };
  return (
    <Field.Root
      name="test-send"
      error={state.error}
      hint={formatMessage({
        id: 'tasteget.campaign.test.hint',
        defaultMessage: 'At most ten addresses, separated by commas.',
      })}
    >
      <Field.Label>
        {formatMessage({ id: 'tasteget.campaign.test.label', defaultMessage: 'Send a test to' })}
      </Field.Label>
      <TextInput
        value={emails}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setEmails(e.target.value)}
      />
      <Field.Hint />
      <Field.Error />
      <Box paddingTop={2}>
        <Button
          type="button"
          variant="secondary"
          fullWidth
          loading={state.busy}
          disabled={state.busy || emails.trim() === ''}
          onClick={() => void send()}
        >
          {formatMessage({ id: 'tasteget.campaign.test.button', defaultMessage: 'Send test' })}
        </Button>
      </Box>
      {state.done ? (
        <Typography role="status" textColor="success600">
          {state.done}
        </Typography>
      ) : null}
    </Field.Root>
  );
}

function useProgress(documentId: string) {
  const { locale } = useIntl();
  const { get } = useFetchClient();
  const [progress, setProgress] = useState<Progress>();
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: Progress }>(`${API}/campaigns/${documentId}/progress`);
      setProgress(data.data);
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e, locale));
    }
  }, [get, documentId, locale]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (progress?.status !== 'sending') return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [progress?.status, load]);
  return { progress, error, setProgress, setError, load };
}

/** What came back: deliveries, bounces, complaints and unsubscribes, with a warning on complaints. */
function Returns({ progress }: { progress: Progress }) {
  const { formatMessage, formatNumber } = useIntl();
  const r = progress.returns;
  const percent = (share: number) => formatNumber(share, { style: 'percent', maximumFractionDigits: 2 });
  return (
    <>
      <Typography variant="pi">
        {formatMessage(
          {
            id: 'tasteget.campaign.returns',
            defaultMessage:
              'Delivered {delivered, number} · bounced {hard, number} hard, {soft, number} soft ({bounceRate}) · spam complaints {complaints, number} ({complaintRate}) · unsubscribed {unsubscribes, number} ({unsubscribeRate})',
          },
          {
            delivered: r.delivered,
            hard: r.bouncedHard,
            soft: r.bouncedSoft,
            bounceRate: percent(r.bounceRate),
            complaints: r.complaints,
            complaintRate: percent(r.complaintRate),
            unsubscribes: r.unsubscribes,
            unsubscribeRate: percent(r.unsubscribeRate),
          },
        )}
      </Typography>
      {r.complaintWarning ? (
        <Box background="danger100" padding={3} hasRadius>
          <Typography textColor="danger700" fontWeight="bold">
            {formatMessage(
              {
                id: 'tasteget.campaign.complaint-warning',
                defaultMessage:
                  'The spam complaint rate is {rate}, above 0.1 %. Gmail and Yahoo limit senders from 0.3 %: check the segment and the consent before the next send.',
              },
              { rate: percent(r.complaintRate) },
            )}
          </Typography>
        </Box>
      ) : null}
    </>
  );
}

/** A saved campaign, whether the form holds unsaved changes, and its live recipient count. */
interface SavedCampaignProps {
  documentId: string;
  modified: boolean;
  count: number | undefined;
}

function Sending({ documentId, modified, count }: SavedCampaignProps) {
  const { formatMessage, formatNumber, locale } = useIntl();
  const { post } = useFetchClient();
  const { progress, error, setProgress, setError, load } = useProgress(documentId);
  // A save can change who may send it (its segment): asked again once the form is saved.
  useEffect(() => {
    if (!modified) void load();
  }, [modified, load]);
  // Once an action changed the campaign (status, counts), the form starts over from it, or it
  // would still say "draft" and a save of it be refused as a change to a sent campaign.
  const { startOver } = useStartOver(CAMPAIGN, documentId, 'CampaignPanel');
  const [busy, setBusy] = useState(false);
  const act = async (action: 'send' | 'pause' | 'resume' | 'cancel', confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    try {
      const { data } = await post<{ data: Progress | { progress: Progress } }>(
        `${API}/campaigns/${documentId}/${action}`,
        {},
      );
      setProgress('progress' in data.data ? data.data.progress : data.data);
      setError(undefined);
      startOver();
    } catch (e) {
      setError(errorMessage(e, locale));
    } finally {
      setBusy(false);
    }
  };

  if (!progress) return error ? <Typography textColor="danger600">{error}</Typography> : null;
  const done = progress.sent + progress.failed + progress.skipped;
  const share = progress.recipientCount > 0 ? Math.round((done / progress.recipientCount) * 100) : 0;
  const shareDone = formatMessage(
    { id: 'tasteget.campaign.progress.done', defaultMessage: '{share} done' },
    { share: formatNumber(share / 100, { style: 'percent' }) },
  );
  const editable = progress.status === 'draft' || progress.status === 'scheduled';
  // Buttons the server would refuse this user are not offered: the reason is, in their place.
  const refusal = progress.refusal?.[adminLocale(locale)];
  const mayAct = !refusal;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="sigma">
        {formatMessage(
          { id: 'tasteget.campaign.status', defaultMessage: 'Status: {status}' },
          // Enumeration values are translation keys of their own (shared/src/value-labels.ts).
          { status: formatMessage({ id: progress.status, defaultMessage: progress.status }) },
        )}
      </Typography>
      {!editable ? (
        <>
          {/* A native bar: the design system's draws white on grey (made for dark panels, so a
              finished send looked empty) and passes no value to assistive technology. */}
          <progress
            max={100}
            value={share}
            aria-label={shareDone}
            style={{ width: '100%', height: '0.8rem' }}
          >
            {shareDone}
          </progress>
          <Typography variant="pi">
            {formatMessage(
              {
                id: 'tasteget.campaign.progress',
                defaultMessage:
                  'Sent {sent, number} · failed {failed, number} · skipped {skipped, number} · remaining {remaining, number}',
              },
              {
                sent: progress.sent,
                failed: progress.failed,
                skipped: progress.skipped,
                remaining: progress.remaining,
              },
            )}
            {progress.status === 'sending' ? ` · ${formatNumber(progress.ratePerSecond)}/s` : ''}
          </Typography>
          <Returns progress={progress} />
        </>
      ) : null}
      {refusal ? <Typography variant="pi">{refusal}</Typography> : null}
      {editable && mayAct ? (
        <Button
          type="button"
          fullWidth
          loading={busy}
          disabled={busy || modified}
          onClick={() =>
            void act(
              'send',
              count === undefined
                ? formatMessage({
                    id: 'tasteget.campaign.send.confirm',
                    defaultMessage: 'Send the campaign to every recipient now? This cannot be undone.',
                  })
                : formatMessage(
                    {
                      id: 'tasteget.campaign.send.confirmCount',
                      defaultMessage:
                        'Send the campaign to {count, plural, one {# recipient} other {# recipients}} now? This cannot be undone.',
                    },
                    { count },
                  ),
            )
          }
        >
          {formatMessage({ id: 'tasteget.campaign.send', defaultMessage: 'Send' })}
        </Button>
      ) : null}
      {editable && mayAct && modified ? (
        <Typography variant="pi">
          {formatMessage({
            id: 'tasteget.campaign.save-first',
            defaultMessage: 'Save first: the saved campaign is what is sent.',
          })}
        </Typography>
      ) : null}
      {progress.status === 'sending' && mayAct ? (
        <Button type="button" variant="secondary" fullWidth loading={busy} onClick={() => void act('pause')}>
          {formatMessage({ id: 'tasteget.campaign.pause', defaultMessage: 'Pause' })}
        </Button>
      ) : null}
      {progress.status === 'paused' && mayAct ? (
        <Button type="button" fullWidth loading={busy} onClick={() => void act('resume')}>
          {formatMessage({ id: 'tasteget.campaign.resume', defaultMessage: 'Resume' })}
        </Button>
      ) : null}
      {(progress.status === 'sending' || progress.status === 'paused') && mayAct ? (
        <Button
          type="button"
          variant="danger-light"
          fullWidth
          loading={busy}
          onClick={() =>
            void act(
              'cancel',
              formatMessage({
                id: 'tasteget.campaign.cancel.confirm',
                defaultMessage: 'Cancel the campaign? Those who have not received it will not get it.',
              }),
            )
          }
        >
          {formatMessage({ id: 'tasteget.campaign.cancel', defaultMessage: 'Cancel the campaign' })}
        </Button>
      ) : null}
      {error ? <Typography textColor="danger600">{error}</Typography> : null}
    </Flex>
  );
}

function PanelContent({ documentId }: { documentId?: string }) {
  const modified = useForm('CampaignPanel', (s) => s.modified);
  const status = useForm('CampaignPanel', (s) => (s.values as { campaignStatus?: string }).campaignStatus);
  const [count, setCount] = useState<number>();
  // Once sent (or sending, or cancelled) its recipients are frozen: a live count beside the
  // campaign's own figures would only mislead.
  const open = !status || status === 'draft' || status === 'scheduled';
  return (
    // No <form>: the panel sits inside the Content Manager's form.
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <SegmentBuilder readOnly={!open} />
      {open ? <RecipientCount documentId={documentId} onCount={setCount} /> : null}
      {documentId ? <SavedCampaign documentId={documentId} modified={modified} count={count} /> : null}
    </Flex>
  );
}

/** What needs the campaign saved: preview, test send and sending. */
function SavedCampaign({ documentId, modified, count }: SavedCampaignProps) {
  return (
    <>
      <PreviewModal documentId={documentId} />
      <TestSend documentId={documentId} />
      <Sending documentId={documentId} modified={modified} count={count} />
    </>
  );
}

/**
 * Register with `contentManager.apis.addEditViewSidePanel([CampaignPanel])` in app.tsx bootstrap.
 * Strapi renders a panel as a component, so it may use hooks (before its early return).
 */
export const CampaignPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  const { formatMessage } = useIntl();
  if (model !== CAMPAIGN) return null;
  return {
    title: formatMessage({ id: 'tasteget.campaign.title', defaultMessage: 'Campaign' }),
    content: <PanelContent documentId={documentId} />,
  };
};
