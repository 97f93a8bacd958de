import Taro from '@tarojs/taro';
import {
  ArchiveObservationsReply,
  CoverageReply,
  ObservableTeachersReply,
  ObservationPageReply,
  ObservationReply,
  ObservationScaleReply,
  ScaleList,
  type ArchiveObservations,
  type Coverage,
  type CreateObservationRequest,
  type CreateScaleRequest,
  type ObservationScale,
  type ObservableTeachers,
  type Observation,
  type ObservationPage,
} from '@lianyan/shared';
import { ApiError, request } from './request';
import { getAccessToken } from './session';
import { isNetworkFailure } from './signin-queue';

// 听评课: scales, observations and coverage; drafts kept on the phone while the lesson runs and, submitted without a
// network, sent when it comes back — the sign-in queue's pattern (services/signin-queue.ts). The draft's clientId makes
// a repeat the same observation on the server.

const DRAFTS_KEY = 'lianyan.observationDrafts';

export const listScales = (federationId: string) => request(`/v1/federations/${encodeURIComponent(federationId)}/observation-scales`, ScaleList, { silent: true });
export const createScale = (federationId: string, body: CreateScaleRequest): Promise<ObservationScale> =>
  request(`/v1/federations/${encodeURIComponent(federationId)}/observation-scales`, ObservationScaleReply, { method: 'POST', data: body, silent: true });
/** A new version of the scale; `version` is the one edited (409 SCALE_CHANGED when someone saved first). POST: the PATCH route's alias (wx.request has no PATCH). */
export const updateScale = (scaleId: string, body: CreateScaleRequest, version: number): Promise<ObservationScale> =>
  request(`/v1/observation-scales/${encodeURIComponent(scaleId)}`, ObservationScaleReply, { method: 'POST', data: { ...body, version }, silent: true });
export const listObservableTeachers = (schoolId: string, q = ''): Promise<ObservableTeachers> =>
  request(`/v1/schools/${encodeURIComponent(schoolId)}/observation-teachers${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`, ObservableTeachersReply, { silent: true });
export const listObservations = (who: 'observer' | 'teacher'): Promise<ObservationPage> => request(`/v1/observations?${who}=me&limit=50`, ObservationPageReply, { silent: true });
export const acknowledgeObservation = (id: string, reflection: string): Promise<Observation> =>
  request(`/v1/observations/${encodeURIComponent(id)}/acknowledgement`, ObservationReply, { method: 'POST', data: { reflection }, silent: true });
export const getCoverage = (schoolId: string): Promise<Coverage> => request(`/v1/schools/${encodeURIComponent(schoolId)}/observation-coverage`, CoverageReply, { silent: true });
export const getArchiveObservations = (userId?: string): Promise<ArchiveObservations> =>
  request(`/v1/archive/observations${userId ? `?userId=${encodeURIComponent(userId)}` : ''}`, ArchiveObservationsReply, { silent: true });
export const coverageExportPath = (schoolId: string) => `/v1/schools/${encodeURIComponent(schoolId)}/observation-coverage?format=xlsx`;
const createObservation = (body: CreateObservationRequest): Promise<Observation> => request('/v1/observations', ObservationReply, { method: 'POST', data: body, silent: true });

/** A draft as kept on the phone: the request being filled in, and whether it waits for a network to be sent. */
export interface StoredDraft {
  request: CreateObservationRequest;
  teacherName: string;
  queued: boolean;
  savedAt: string;
}

export function storedDrafts(): StoredDraft[] {
  const stored: unknown = Taro.getStorageSync(DRAFTS_KEY);
  return Array.isArray(stored) ? (stored as StoredDraft[]).filter((d) => d && typeof d === 'object' && typeof d.request?.clientId === 'string') : [];
}
function writeDrafts(drafts: StoredDraft[]) {
  if (drafts.length) Taro.setStorageSync(DRAFTS_KEY, drafts);
  else Taro.removeStorageSync(DRAFTS_KEY);
}
export function saveDraft(draft: StoredDraft): void {
  writeDrafts([...storedDrafts().filter((d) => d.request.clientId !== draft.request.clientId), draft]);
}
export function dropDraft(clientId: string): void {
  writeDrafts(storedDrafts().filter((d) => d.request.clientId !== clientId));
}

export type SubmitOutcome = { kind: 'sent'; observation: Observation } | { kind: 'queued' };

/** Sends the observation; without a network (or with the server busy) it waits in the drafts, queued. */
export async function submitObservation(draft: StoredDraft): Promise<SubmitOutcome> {
  try {
    const observation = await createObservation(draft.request);
    dropDraft(draft.request.clientId);
    return { kind: 'sent', observation };
  } catch (error) {
    if (!isNetworkFailure(error) && !(error instanceof ApiError && error.status === 503)) throw error;
    saveDraft({ ...draft, queued: true, savedAt: new Date().toISOString() });
    return { kind: 'queued' };
  }
}

let replaying: Promise<number> | null = null;
/** Sends the queued observations; resolves to how many went. A refused one stays as a draft to correct. */
export function replayObservations(): Promise<number> {
  if (replaying) return replaying;
  if (!getAccessToken()) return Promise.resolve(0);
  replaying = (async () => {
    let sent = 0;
    for (const draft of storedDrafts().filter((d) => d.queued)) {
      try {
        await createObservation(draft.request);
        dropDraft(draft.request.clientId);
        sent += 1;
      } catch (error) {
        if (isNetworkFailure(error)) break;
        saveDraft({ ...draft, queued: false });
      }
    }
    return sent;
  })()
    .catch(() => 0)
    .finally(() => {
      replaying = null;
    });
  return replaying;
}

let watching = false;
/** Sends the queued observations whenever the network comes back. */
export function watchObservationQueue(onSent?: (count: number) => void): void {
  if (watching) return;
  watching = true;
  Taro.onNetworkStatusChange(({ isConnected }) => {
    if (isConnected) void replayObservations().then((n) => n && onSent?.(n));
  });
}
