import { MyReflection, PendingReflectionList, type SaveReflectionRequest } from '@lianyan/shared';
import { request } from './request';

const path = (sessionId: string) => `/v1/sessions/${encodeURIComponent(sessionId)}/reflections/me`;

/** What the organizer asks for, my reflection, its submitted versions, whether I may still edit. */
export function getMyReflection(sessionId: string): Promise<MyReflection> {
  return request(path(sessionId), MyReflection, { silent: true });
}

/** Saves a draft (`submit: false`) or submits; POST because wx.request has no PUT on older clients. */
export function saveMyReflection(sessionId: string, body: SaveReflectionRequest): Promise<MyReflection> {
  return request(path(sessionId), MyReflection, { method: 'POST', data: body, silent: true });
}

/** 待提交心得: sessions I signed in to whose reflection is asked for and not yet submitted. */
export function listMyPendingReflections(): Promise<PendingReflectionList> {
  return request('/v1/me/reflections', PendingReflectionList, { silent: true });
}
