/** Cases, their messages and history (API.md "Cases"). */
import { ApiError, API_BASE, request, withQuery } from './client';
import type {
  AddedMessage, Case, CaseStatus, CaseStatusFilter, CaseSummary, CustomerInput, HistoryEntry,
  Message, Page, Pairing, PrintableCase, Visibility,
} from './types';

export interface CaseFilter {
  status?: CaseStatusFilter;
  caseNo?: number;
  customerNo?: number;
  phone?: string;
  email?: string;
  q?: string;
  department?: 'all';
  limit?: number;
  cursor?: string | null;
}

export function listCases(filter: CaseFilter, signal?: AbortSignal): Promise<Page<CaseSummary>> {
  const path = withQuery('/cases', { ...filter });
  return request('GET', path, signal ? { signal } : {});
}

export function getCase(caseNo: number, signal?: AbortSignal): Promise<Case> {
  return request('GET', `/cases/${caseNo}`, signal ? { signal } : {});
}

export interface NewCaseInput {
  subject: string;
  customerNo?: number;
  customer?: CustomerInput;
  /** null asks for no contact e-mail; left out, the server picks the customer's first. */
  contactEmail?: string | null;
  message: { body: string; visibility: Visibility };
}

export function createCase(input: NewCaseInput): Promise<Case> {
  return request('POST', '/cases', { body: input });
}

export interface CasePatch {
  status?: CaseStatus;
  subject?: string;
  contactEmail?: string | null;
  customerNo?: number | null;
  departmentId?: number;
}

export function patchCase(caseNo: number, patch: CasePatch): Promise<Case> {
  return request('PATCH', `/cases/${caseNo}`, { body: patch });
}

export interface NewMessageInput {
  body: string;
  visibility: Visibility;
  notify?: boolean;
  sendPairing?: boolean;
}

export function addMessage(caseNo: number, input: NewMessageInput): Promise<AddedMessage> {
  return request('POST', `/cases/${caseNo}/messages`, { body: input });
}

export function redactMessage(caseNo: number, messageId: number): Promise<Message> {
  return request('POST', `/cases/${caseNo}/messages/${messageId}/redact`);
}

export async function getHistory(caseNo: number, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const page = await request<Page<HistoryEntry>>('GET', `/cases/${caseNo}/history`,
    signal ? { signal } : {});
  return page.items;
}

/** Who may follow the case in the customer portal, invited or paired. */
export async function listPairings(caseNo: number, signal?: AbortSignal): Promise<Pairing[]> {
  const page = await request<Page<Pairing>>('GET', `/cases/${caseNo}/pairings`,
    signal ? { signal } : {});
  return page.items;
}

export function revokePairing(caseNo: number, pairingId: number): Promise<void> {
  return request('DELETE', `/cases/${caseNo}/pairings/${pairingId}`);
}

export function pdfUrl(caseNo: number): string {
  return `${API_BASE}/cases/${caseNo}/pdf`;
}

/**
 * The print page's data. The server's `/printable` (not in API.md) answers it
 * in one go, with the account name every reader may see; where it is missing
 * the page is put together from API.md's own case and history calls.
 */
export async function getPrintable(
  caseNo: number, fallbackAccountName: string, signal?: AbortSignal,
): Promise<PrintableCase> {
  const options = signal ? { signal } : {};
  try {
    const printable = await request<Partial<PrintableCase>>('GET',
      `/cases/${caseNo}/printable`, options);
    if (printable.case && printable.history) {
      return {
        accountName: printable.accountName || fallbackAccountName,
        timezone: printable.timezone ?? null,
        case: printable.case,
        history: printable.history,
      };
    }
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
  }
  const [theCase, history] = await Promise.all([
    getCase(caseNo, signal), getHistory(caseNo, signal),
  ]);
  return { accountName: fallbackAccountName, timezone: null, case: theCase, history };
}
