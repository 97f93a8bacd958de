import { AppError } from './errors.ts';

export interface WechatSession {
  openid: string;
  unionid?: string;
}

interface Jscode2SessionResponse {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

// 40029 invalid code, 40163 code already used, 40226 blocked user: all mean "log in again".
const BAD_CODE_ERRORS = new Set([40029, 40163, 40226]);

/** Client of WeChat's `jscode2session`; `session_key` never leaves this function. */
export function makeWechatClient(options: {
  apiBase: string;
  appId: string;
  getSecret: () => Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}) {
  const doFetch = options.fetch ?? fetch;
  return {
    async codeToSession(code: string): Promise<WechatSession> {
      const url = new URL('/sns/jscode2session', options.apiBase);
      url.search = new URLSearchParams({
        appid: options.appId,
        secret: await options.getSecret(),
        js_code: code,
        grant_type: 'authorization_code',
      }).toString();
      let data: Jscode2SessionResponse;
      try {
        const res = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
        data = (await res.json()) as Jscode2SessionResponse;
      } catch (cause) {
        throw new AppError(502, 'UPSTREAM_UNAVAILABLE', undefined, undefined, { cause });
      }
      if (data.errcode && BAD_CODE_ERRORS.has(data.errcode)) {
        throw new AppError(401, 'LOGIN_CODE_INVALID', undefined, { upstream: data.errcode });
      }
      if (!data.openid) {
        throw new AppError(502, 'UPSTREAM_UNAVAILABLE', undefined, { upstream: data.errcode ?? null });
      }
      return { openid: data.openid, ...(data.unionid ? { unionid: data.unionid } : {}) };
    },
  };
}
export type WechatClient = ReturnType<typeof makeWechatClient>;
