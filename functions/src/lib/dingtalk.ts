import { AppError } from './errors.ts';

export interface DingtalkUser {
  userid: string;
  unionid?: string;
  name?: string;
}

interface DingtalkResponse<T> {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
  result?: T;
}

// 40078 (code missing or expired) and 40014 (invalid code) mean "log in again".
const BAD_CODE_ERRORS = new Set([40078, 40014, 88]);

/** Client of DingTalk's server API: gettoken (cached), getuserinfo by auth code, user details. */
export function makeDingtalkClient(options: {
  apiBase: string;
  appKey: string;
  getSecret: () => Promise<string>;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}) {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | undefined;

  async function call<T>(path: string, query: Record<string, string>, body?: unknown) {
    const url = new URL(path, options.apiBase);
    url.search = new URLSearchParams(query).toString();
    try {
      const res = await doFetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      return (await res.json()) as DingtalkResponse<T>;
    } catch (cause) {
      throw new AppError(502, 'UPSTREAM_UNAVAILABLE', undefined, undefined, { cause });
    }
  }

  async function accessToken(): Promise<string> {
    if (cached && cached.expiresAt > now()) return cached.token;
    const data = await call('/gettoken', { appkey: options.appKey, appsecret: await options.getSecret() });
    if (!data.access_token) throw new AppError(502, 'UPSTREAM_UNAVAILABLE', undefined, { upstream: data.errcode ?? null });
    // Refresh five minutes early so a token never expires mid-request.
    cached = { token: data.access_token, expiresAt: now() + ((data.expires_in ?? 7200) - 300) * 1000 };
    return cached.token;
  }

  return {
    async userFromAuthCode(code: string): Promise<DingtalkUser> {
      const token = await accessToken();
      const info = await call<{ userid?: string; unionid?: string; name?: string }>(
        '/topapi/v2/user/getuserinfo',
        { access_token: token },
        { code },
      );
      if (info.errcode && BAD_CODE_ERRORS.has(info.errcode)) {
        throw new AppError(401, 'LOGIN_CODE_INVALID', undefined, { upstream: info.errcode });
      }
      const userid = info.result?.userid;
      if (info.errcode || !userid) {
        throw new AppError(502, 'UPSTREAM_UNAVAILABLE', undefined, { upstream: info.errcode ?? null });
      }
      const details = await call<{ name?: string; unionid?: string }>(
        '/topapi/v2/user/get',
        { access_token: token },
        { userid, language: 'zh_CN' },
      );
      const unionid = details.result?.unionid ?? info.result?.unionid;
      const name = details.result?.name ?? info.result?.name;
      return { userid, ...(unionid ? { unionid } : {}), ...(name ? { name } : {}) };
    },
  };
}
export type DingtalkClient = ReturnType<typeof makeDingtalkClient>;
