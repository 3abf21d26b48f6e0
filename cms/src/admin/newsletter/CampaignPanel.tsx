import {
  Box,
  Button,
  Field,
  Flex,
  Modal,
  ProgressBar,
  Tabs,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useFetchClient, useForm } from '@strapi/strapi/admin';
import { CAMPAIGN_STATUSES } from '@tasteget/shared/browser';
import type { CampaignProgress } from '../../newsletter/campaign-status';
import { useCallback, useEffect, useState } from 'react';
import { CAMPAIGN } from '../../platform/content-types';

/**
 * The campaign's side panel in the Content Manager: live recipient count while the segment is
 * edited, "Förhandsgranska" (desktop and mobile width, text part), "Skicka test", "Skicka" and,
 * while sending, a progress bar with pause, resume and cancel. Calls the newsletter admin API
 * (cms/src/newsletter/admin-routes.ts); the server checks the role.
 */
const API = '/tasteget-newsletter';
const POLL_MS = 2000;

type Progress = CampaignProgress;
interface Preview {
  subject: string;
  html: string;
  text: string;
  sample: string;
}

/** The server's message ("svenska / English"), and each segment issue in Swedish. */
function errorMessage(error: unknown): string {
  const data = (
    error as {
      response?: {
        data?: {
          error?: { message?: string; details?: { issues?: { message: { sv: string } | string }[] } };
        };
      };
    }
  ).response?.data?.error;
  const issues = (data?.details?.issues ?? []).map((i) =>
    typeof i.message === 'string' ? i.message : i.message.sv,
  );
  return [
    data?.message ?? (error as Error).message ?? 'Något gick fel. / Something went wrong.',
    ...issues,
  ].join(' ');
}

function RecipientCount() {
  const { post } = useFetchClient();
  const audience = useForm('CampaignPanel', (s) => (s.values as { audience?: string }).audience);
  const segment = useForm('CampaignPanel', (s) => (s.values as { segment?: unknown }).segment);
  const [state, setState] = useState<{ count?: number; error?: string }>({});
  const body = JSON.stringify({ audience: audience ?? 'subscribers', segment: segment ?? null });

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const { data } = await post<{ data: { count: number } }>(`${API}/count`, JSON.parse(body));
        if (!cancelled) setState({ count: data.data.count });
      } catch (error) {
        if (!cancelled) setState({ error: errorMessage(error) });
      }
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [post, body]);

  if (state.error) return <Typography textColor="danger600">{state.error}</Typography>;
  return (
    <Typography role="status">
      {state.count === undefined ? 'Räknar mottagare…' : `Mottagare just nu: ${state.count}`}
    </Typography>
  );
}

function PreviewModal({ documentId }: { documentId: string }) {
  const { post } = useFetchClient();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string>();
  const open = async () => {
    setError(undefined);
    try {
      const { data } = await post<{ data: Preview }>(`${API}/campaigns/${documentId}/preview`, {});
      setPreview(data.data);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <>
      <Button type="button" variant="secondary" fullWidth onClick={() => void open()}>
        Förhandsgranska
      </Button>
      {error ? <Typography textColor="danger600">{error}</Typography> : null}
      <Modal.Root open={preview !== null} onOpenChange={(isOpen: boolean) => !isOpen && setPreview(null)}>
        <Modal.Content style={{ maxWidth: 720, width: '90vw' }}>
          <Modal.Header>
            <Modal.Title>{preview?.subject}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Typography variant="pi" textColor="neutral600">
              Som {preview?.sample} ser det. / As {preview?.sample} sees it.
            </Typography>
            <Tabs.Root defaultValue="desktop">
              <Tabs.List aria-label="Förhandsgranskning">
                <Tabs.Trigger value="desktop">Dator</Tabs.Trigger>
                <Tabs.Trigger value="mobile">Mobil</Tabs.Trigger>
                <Tabs.Trigger value="text">Text</Tabs.Trigger>
              </Tabs.List>
              {(['desktop', 'mobile'] as const).map((width) => (
                <Tabs.Content key={width} value={width}>
                  <iframe
                    title={`Förhandsgranskning ${width === 'desktop' ? 'dator' : 'mobil'}`}
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
      const { data } = await post<{ data: { sent: number } }>(`${API}/campaigns/${documentId}/test-send`, {
        emails: list,
      });
      setState({ done: `Testbrev skickat till ${data.data.sent} adress(er).` });
    } catch (error) {
      setState({ error: errorMessage(error) });
    }
  };
  return (
    <Field.Root name="test-send" error={state.error} hint="Högst tio adresser, åtskilda med komma.">
      <Field.Label>Skicka test till</Field.Label>
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
          Skicka test
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
  const { get } = useFetchClient();
  const [progress, setProgress] = useState<Progress>();
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: Progress }>(`${API}/campaigns/${documentId}/progress`);
      setProgress(data.data);
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [get, documentId]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (progress?.status !== 'sending') return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [progress?.status, load]);
  return { progress, error, setProgress, setError };
}

function Sending({ documentId, modified }: { documentId: string; modified: boolean }) {
  const { post } = useFetchClient();
  const { progress, error, setProgress, setError } = useProgress(documentId);
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
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!progress) return error ? <Typography textColor="danger600">{error}</Typography> : null;
  const done = progress.sent + progress.failed + progress.skipped;
  const share = progress.recipientCount > 0 ? Math.round((done / progress.recipientCount) * 100) : 0;
  const editable = progress.status === 'draft' || progress.status === 'scheduled';
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="sigma">Status: {CAMPAIGN_STATUSES.labels[progress.status].sv}</Typography>
      {!editable ? (
        <>
          <ProgressBar value={share} aria-label={`${share} % klart`} />
          <Typography variant="pi">
            Skickade {progress.sent} · misslyckade {progress.failed} · hoppade över {progress.skipped} · kvar{' '}
            {progress.remaining}
            {progress.status === 'sending' ? ` · ${progress.ratePerSecond}/s` : ''}
          </Typography>
        </>
      ) : null}
      {editable ? (
        <Button
          type="button"
          fullWidth
          loading={busy}
          disabled={busy || modified}
          onClick={() => void act('send', 'Skicka utskicket till alla mottagare nu? Det går inte att ångra.')}
        >
          Skicka
        </Button>
      ) : null}
      {editable && modified ? (
        <Typography variant="pi">Spara först: det sparade utskicket skickas.</Typography>
      ) : null}
      {progress.status === 'sending' ? (
        <Button type="button" variant="secondary" fullWidth loading={busy} onClick={() => void act('pause')}>
          Pausa
        </Button>
      ) : null}
      {progress.status === 'paused' ? (
        <Button type="button" fullWidth loading={busy} onClick={() => void act('resume')}>
          Återuppta
        </Button>
      ) : null}
      {progress.status === 'sending' || progress.status === 'paused' ? (
        <Button
          type="button"
          variant="danger-light"
          fullWidth
          loading={busy}
          onClick={() => void act('cancel', 'Avbryta utskicket? De som inte fått det får det inte.')}
        >
          Avbryt utskicket
        </Button>
      ) : null}
      {error ? <Typography textColor="danger600">{error}</Typography> : null}
    </Flex>
  );
}

function PanelContent({ documentId }: { documentId: string }) {
  const modified = useForm('CampaignPanel', (s) => s.modified);
  return (
    // No <form>: the panel sits inside the Content Manager's form.
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <RecipientCount />
      <PreviewModal documentId={documentId} />
      <TestSend documentId={documentId} />
      <Sending documentId={documentId} modified={modified} />
    </Flex>
  );
}

/** Register with `contentManager.apis.addEditViewSidePanel([CampaignPanel])` in app.tsx bootstrap. */
export const CampaignPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  if (model !== CAMPAIGN || !documentId) return null;
  return { title: 'Utskick', content: <PanelContent documentId={documentId} /> };
};
