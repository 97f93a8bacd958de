import * as z from 'zod/mini';
import { AppError } from './errors.ts';

export interface WechatSession {
  openid: string;
  unionid?: string;
}

// WeChat's answers, parsed rather than cast: anything else is an upstream failure (502), never a crash further on.
const errors = { errcode: z.optional(z.number()), errmsg: z.optional(z.string()) };
const Jscode2SessionResponse = z.object({ ...errors, openid: z.optional(z.string()), unionid: z.optional(z.string()) });
const TokenResponse = z.object({ ...errors, access_token: z.optional(z.string()), expires_in: z.optional(z.number()) });
const ErrorsOnly = z.object(errors);

// 40029 invalid code, 40163 code already used, 40226 blocked user: all mean "log in again".
const BAD_CODE_ERRORS = new Set([40029, 40163, 40226]);

// 40001 invalid credential, 40014 invalid token, 42001 token expired: fetch a new access token once.
const STALE_TOKEN_ERRORS = new Set([40001, 40014, 42001]);
// 40029 for a phone code: unknown, used or expired (a phone code lives 5 minutes and serves once).
const BAD_PHONE_CODE = 40029;
const PhoneNumberResponse = z.object({
  ...errors,
  phone_info: z.optional(z.object({ purePhoneNumber: z.string(), countryCode: z.optional(z.string()) })),
});

// 43101: the user has not consented (或已用完一次性订阅) — not worth retrying.
const NOT_SUBSCRIBED = 43101;

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** Client of WeChat's `jscode2session`, `stable_token`, `getuserphonenumber` and `subscribe/send`; `session_key` never leaves this function. */
export function makeWechatClient(options: {
  apiBase: string;
  appId: string;
  getSecret: () => Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}) {
  const doFetch = options.fetch ?? fetch;
  let accessToken: { value: string; until: number } | undefined;

  /** POSTs `body` as JSON (GET without one) and parses the answer with `schema`. */
  async function call<S extends z.ZodMiniType>(path: string, init: { body?: unknown; query?: Record<string, string> }, schema: S): Promise<z.infer<S>> {
    const url = new URL(path, options.apiBase);
    if (init.query) url.search = new URLSearchParams(init.query).toString();
    let raw: unknown;
    try {
      const res = await doFetch(url, {
        method: init.body === undefined ? 'GET' : 'POST',
        ...(init.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      raw = await res.json();
    } catch (cause) {
      throw new AppError(502, 'UPSTREAM_UNAVAILABLE', undefined, undefined, { cause });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new AppError(502, 'UPSTREAM_UNAVAILABLE', '微信返回的内容无法识别，请稍后重试', { upstream: path });
    return parsed.data;
  }

  /** The app's access token from `stable_token`, cached until five minutes before it expires (it is rate-limited). */
  async function getAccessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh && accessToken && accessToken.until > Date.now()) return accessToken.value;
    const data = await call(
      '/cgi-bin/stable_token',
      { body: { grant_type: 'client_credential', appid: options.appId, secret: await options.getSecret(), force_refresh: forceRefresh } },
      TokenResponse,
    );
    if (!data.access_token) throw new AppError(502, 'UPSTREAM_UNAVAILABLE', undefined, { upstream: data.errcode ?? null });
    accessToken = { value: data.access_token, until: Date.now() + Math.max(60, (data.expires_in ?? 7200) - 300) * 1000 };
    return accessToken.value;
  }

  return {
    /** Sends a subscribe message: `sent`, or `refused` when the user has not subscribed; other failures throw. */
    async sendSubscribeMessage(message: SubscribeMessage, state: 'developer' | 'trial' | 'formal' = 'formal'): Promise<'sent' | 'refused'> {
      const body = { touser: message.touser, template_id: message.templateId, page: message.page, data: message.data, miniprogram_state: state, lang: 'zh_CN' };
      let errcode: number | undefined;
      for (let attempt = 0; attempt < 2; attempt++) {
        const data = await call('/cgi-bin/message/subscribe/send', { body, query: { access_token: await getAccessToken(attempt > 0) } }, ErrorsOnly);
        if (!data.errcode) return 'sent';
        if (data.errcode === NOT_SUBSCRIBED) return 'refused';
        errcode = data.errcode;
        if (!STALE_TOKEN_ERRORS.has(data.errcode)) break;
        accessToken = undefined;
      }
      throw new AppError(502, 'UPSTREAM_UNAVAILABLE', '微信消息发送失败', { upstream: errcode ?? null });
    },

    /** The phone number behind a `getPhoneNumber` button's code (`wxa/business/getuserphonenumber`); mainland numbers only. */
    async phoneNumberFromCode(phoneCode: string): Promise<string | undefined> {
      for (let attempt = 0; attempt < 2; attempt++) {
        const data = await call(
          '/wxa/business/getuserphonenumber',
          { body: { code: phoneCode }, query: { access_token: await getAccessToken(attempt > 0) } },
          PhoneNumberResponse,
        );
        const { errcode, phone_info: info } = data;
        if (!errcode && info) return (info.countryCode ?? '86') === '86' && /^1[3-9]\d{9}$/.test(info.purePhoneNumber) ? info.purePhoneNumber : undefined;
        if (errcode === BAD_PHONE_CODE) throw new AppError(400, 'PHONE_CODE_INVALID', '手机号授权已失效，请重新点击「手机号快捷登录」');
        if (!errcode || !STALE_TOKEN_ERRORS.has(errcode)) throw new AppError(502, 'UPSTREAM_UNAVAILABLE', undefined, { upstream: errcode ?? null });
        accessToken = undefined;
      }
      throw new AppError(502, 'UPSTREAM_UNAVAILABLE');
    },

    async codeToSession(code: string): Promise<WechatSession> {
      const query = { appid: options.appId, secret: await options.getSecret(), js_code: code, grant_type: 'authorization_code' };
      const data = await call('/sns/jscode2session', { query }, Jscode2SessionResponse);
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
