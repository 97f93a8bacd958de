import { inject } from 'vitest';
import { LEGAL_VERSION, type AuthResult } from '@lianyan/shared';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export const stack = () => inject('stack');

/** A plain HTTP call against the local stack; the body is parsed when it is JSON. */
export async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const res = await fetch(`${stack().url}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined || options.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: body as T, text };
}

export async function devLogin(account: string): Promise<AuthResult> {
  const res = await api<AuthResult>('POST', '/v1/auth/dev', { body: { account } });
  if (res.status !== 200) throw new Error(`dev login ${account} failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Asks the loopback WeChat server for a login code, as wx.login would. */
export async function wechatCode(openid: string, unionid?: string): Promise<string> {
  const res = await fetch(`${stack().wechatUrl}/__fake/codes`, { method: 'POST', body: JSON.stringify({ openid, unionid }) });
  return ((await res.json()) as { code: string }).code;
}

/** Asks the loopback WeChat server for a phone code, as a getPhoneNumber button would. */
export async function wechatPhoneCode(phone: string): Promise<string> {
  const res = await fetch(`${stack().wechatUrl}/__fake/phone-codes`, { method: 'POST', body: JSON.stringify({ phone }) });
  return ((await res.json()) as { code: string }).code;
}

export async function dingtalkCode(user: { userid: string; name: string; unionid?: string; mobile?: string }): Promise<string> {
  const res = await fetch(`${stack().dingtalkUrl}/__fake/codes`, { method: 'POST', body: JSON.stringify(user) });
  return ((await res.json()) as { code: string }).code;
}

export async function wechatLogin(openid: string, unionid?: string): Promise<AuthResult> {
  const res = await api<AuthResult>('POST', '/v1/auth/wechat', { body: { code: await wechatCode(openid, unionid) } });
  if (res.status !== 200) throw new Error(`wechat login failed: ${res.status} ${res.text}`);
  return res.body;
}

export async function dingtalkLogin(userid: string, name = '钉钉用户'): Promise<AuthResult> {
  const res = await api<AuthResult>('POST', '/v1/auth/dingtalk', { body: { authCode: await dingtalkCode({ userid, name }) } });
  if (res.status !== 200) throw new Error(`dingtalk login failed: ${res.status} ${res.text}`);
  return res.body;
}

export const uniqueId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Records that the account agreed to our current texts, as the privacy sheet's 同意 does: for tests about other things. */
export async function agreeToTexts(token: string): Promise<void> {
  const res = await api('POST', '/v1/me/consents', { token, body: { version: LEGAL_VERSION } });
  if (res.status !== 200 && res.status !== 201) throw new Error(`consent: ${res.status} ${res.text}`);
}

/** Waits until the local stack's stream poller has handed every record so far to the aggregator (GET /__local/streams). */
export async function settleStreams(): Promise<{ records: number; batches: number; dropped: number }> {
  const res = await fetch(`${stack().url}/__local/streams`);
  if (res.status !== 200) throw new Error(`stream settle failed: ${res.status}`);
  return (await res.json()) as { records: number; batches: number; dropped: number };
}
