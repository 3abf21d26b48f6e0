import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

/**
 * The guides' workspace API (cms/src/admin-api/register-workspace.ts) as the admin panel reads it.
 * Requests go with the signed-in user's admin token; the server checks the role.
 */
export type QueueOwner = string;
export type QueueSection = 'overdue' | 'due-soon' | 'new';

export interface QueueEntry {
  documentId: string;
  firstName: string;
  lastName: string | null;
  email: string;
  phone: string | null;
  preferredChannel: 'email' | 'phone';
  municipalities: string[];
  assignedMunicipality: string;
  firstResponseDueAt: string;
  responsible: boolean;
}
export type Queue = { owner: QueueOwner; generatedAt: string } & Record<QueueSection, QueueEntry[]>;

export interface Me {
  queue: QueueOwner | null;
  caresForRegister: boolean;
}

export interface KpiRow {
  queue: string;
  registered: number;
  moved: number;
  magazineOrders: number;
  confirmedSubscribers: number;
  settled: number;
  answeredInTime: number;
  shareAnsweredInTime: number | null;
  medianFirstResponseHours: number | null;
}
export interface KpiReport {
  period: { from: string; to: string };
  rows: KpiRow[];
}

export interface ContactDialog {
  contact: {
    documentId: string;
    firstName: string;
    lastName: string | null;
    email: string;
    phone: string | null;
    preferredChannel: 'email' | 'phone';
    moveStatus: string;
    firstResponseDueAt: string | null;
    firstRespondedAt: string | null;
  };
  activities: {
    documentId: string;
    kind: string;
    summary: string;
    occurredAt: string;
    performedBy: string | null;
  }[];
}

export const API = '/tasteget';

/** The server's message for a refused request: "svenska / English", shown as sent. */
export function errorMessage(error: unknown): string {
  const response = (error as { response?: { data?: { error?: { message?: string } } } }).response;
  return (
    response?.data?.error?.message ?? (error as Error).message ?? 'Något gick fel. / Something went wrong.'
  );
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

/** Saves a server answer as a file (CSV, JSON) the way a download link would. */
export function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'medium',
  timeStyle: 'short',
});
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
