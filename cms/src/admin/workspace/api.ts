import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

/**
 * The guides' workspace API (cms/src/workspace/admin-routes.ts) as the admin panel reads it.
 * Requests go with the signed-in user's admin token; the server checks the role.
 */
// The answers' types are the server's own (type-only imports: nothing of the server is bundled).
export type { Queue, QueueEntry, QueueSection } from '../../workspace/queue';
export type { KpiReport, KpiRow } from '../../workspace/kpis';
export type { ContactDialogView as ContactDialog } from '../../workspace/dialog';
export type { FileAnswer } from '../../workspace/admin-routes';
import type { FileAnswer } from '../../workspace/admin-routes';

/** `GET /tasteget/me`: the user's queue, and whether they run register care. */
export interface Me {
  queue: string | null;
  caresForRegister: boolean;
}

export const API = '/tasteget';

/** The admin's language as Strapi keeps it (the `lang` it sets on the page, and its storage). */
function adminLanguage(): 'sv' | 'en' {
  const lang = document.documentElement.lang || window.localStorage.getItem('strapi-admin-language') || 'sv';
  return lang.startsWith('en') ? 'en' : 'sv';
}

type RefusalBody = {
  error?: { message?: string; details?: { messages?: Partial<Record<'sv' | 'en', string>> } };
};

/**
 * The server's message for a refused request in the user's admin language: the server sends it
 * as "svenska / English" and the two apart (`details.messages`); without those, as sent.
 */
export function errorMessage(error: unknown): string {
  const refusal = (error as { response?: { data?: RefusalBody } }).response?.data?.error;
  const own = refusal?.details?.messages?.[adminLanguage()];
  if (typeof own === 'string' && own) return own;
  return refusal?.message ?? (error as Error).message ?? 'Något gick fel. / Something went wrong.';
}

/** GET `path` and keep the answer; `reload` fetches again. */
export function useWorkspaceData<T>(path: string | null) {
  const { get } = useFetchClient();
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const load = useCallback(async () => {
    if (!path) return;
    setState((s) => ({ ...s, loading: true }));
    try {
      const { data } = await get<{ data: T }>(`${API}${path}`);
      setState({ data: data.data, loading: false });
    } catch (error) {
      setState({ error: errorMessage(error), loading: false });
    }
  }, [get, path]);
  useEffect(() => {
    void load();
  }, [load]);
  return { ...state, reload: load };
}

/** Saves the file a POST answered with (an extract, an export), as the server named it. */
export function saveFileAnswer(answer: FileAnswer) {
  saveFile(new Blob([answer.content], { type: answer.contentType }), answer.filename);
}

/** Saves a server answer as a file (CSV, JSON) the way a download link would. */
export function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Date and time in the user's admin language, on Swedish time (where the guides and contacts are). */
export function useFormatDateTime() {
  const { formatDate } = useIntl();
  return (iso: string) =>
    formatDate(new Date(iso), { timeZone: 'Europe/Stockholm', dateStyle: 'medium', timeStyle: 'short' });
}
