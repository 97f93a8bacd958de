import { Consent, LEGAL_VERSION, User, AuthResult } from '@lianyan/shared';
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
