import {
  AuthResult,
  DevAccountList,
  type DevAccount,
  type DevLoginRequest,
  type DingtalkLoginRequest,
  type User,
  type WechatLoginRequest,
} from '@lianyan/shared';
import { request } from './request';
import { clearSession, saveAuthResult } from './session';

async function signIn(path: string, body: WechatLoginRequest | DingtalkLoginRequest | DevLoginRequest): Promise<User> {
  const result = await request(path, AuthResult, { method: 'POST', data: body, auth: false });
  saveAuthResult(result);
  return result.user;
}

export function signInWithWechat(code: string, phoneCode?: string): Promise<User> {
  return signIn('/v1/auth/wechat', phoneCode ? { code, phoneCode } : { code });
}

export function signInWithDingtalk(authCode: string): Promise<User> {
  return signIn('/v1/auth/dingtalk', { authCode });
}

export function signInWithDevAccount(account: string): Promise<User> {
  return signIn('/v1/auth/dev', { account });
}

/** A new local account (an empty store: SEED=none), logged in at once. */
export function createDevAccount(account: string): Promise<User> {
  return signIn('/v1/auth/dev', { account, create: true });
}

/** Demo accounts; the API serves them on the local stage only. */
export function listDevAccounts(): Promise<DevAccount[]> {
  return request('/v1/dev/accounts', DevAccountList, { auth: false, silent: true });
}

export function signOut(): void {
  clearSession();
}
