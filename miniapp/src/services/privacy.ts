import * as z from 'zod/mini';
import { AccessTrailEntry, Consent, DataExportLink, DeletionPreview, LEGAL_VERSION, User, AuthResult } from '@lianyan/shared';
import { request } from './request';
import { getCachedUser, saveAuthResult, saveUser } from './session';

/** Records agreement to 隐私政策 + 用户协议 in force, and keeps the cached user in step. */
export async function recordConsent(): Promise<Consent> {
  const consent = await request('/v1/me/consents', Consent, { method: 'POST', data: { version: LEGAL_VERSION }, silent: true });
  const user = getCachedUser();
  if (user) saveUser(User.parse({ ...user, consent }));
  return consent;
}

/** A parent removes a child; POST, not DELETE: older DingTalk clients send only GET and POST. */
export async function removeChild(childId: string): Promise<User> {
  const result = await request(`/v1/me/children/${encodeURIComponent(childId)}/remove`, AuthResult, { method: 'POST', silent: true });
  saveAuthResult(result);
  return result.user;
}

/** 下载我的数据: the server packs a ZIP and answers a short-lived link. */
export function exportMyData(): Promise<DataExportLink> {
  return request('/v1/me/data-export', DataExportLink, { silent: true });
}

/** 注销账号: what is erased and what the school keeps, and the pending request if any. */
export function getDeletion(): Promise<DeletionPreview> {
  return request('/v1/me/deletion', DeletionPreview, { silent: true });
}

export function requestDeletion(confirm: string): Promise<DeletionPreview> {
  return request('/v1/me/deletion', DeletionPreview, { method: 'POST', data: { confirm }, silent: true });
}

/** POST, not DELETE: older DingTalk clients send only GET and POST. */
export async function cancelDeletion(): Promise<void> {
  await request('/v1/me/deletion/cancel', z.object({ cancelled: z.boolean() }), { method: 'POST', silent: true });
}

const AccessTrailPage = z.object({ from: z.string(), to: z.string(), items: z.array(AccessTrailEntry), nextCursor: z.optional(z.string()) });
export type AccessTrailPage = z.infer<typeof AccessTrailPage>;

/** 访问记录: who viewed or exported other people's personal data, newest first. */
export function listAccessTrail(query: { from?: string; to?: string; cursor?: string }): Promise<AccessTrailPage> {
  const params = Object.entries(query).filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return request(`/v1/access-trail${params.length ? `?${params.join('&')}` : ''}`, AccessTrailPage, { silent: true });
}
