import * as z from 'zod/mini';
import { AppError } from './errors.ts';

export interface DingtalkUser {
  userid: string;
  /** A mainland mobile number, when DingTalk gives it. */
  mobile?: string;
  unionid?: string;
  name?: string;
}

// DingTalk's answers, parsed rather than cast: anything else is an upstream failure (502), never a crash further on.
const errors = { errcode: z.optional(z.number()), errmsg: z.optional(z.string()) };
const TokenResponse = z.object({ ...errors, access_token: z.optional(z.string()), expires_in: z.optional(z.number()) });
const UserInfoResponse = z.object({
  ...errors,
  result: z.optional(z.object({ userid: z.optional(z.string()), unionid: z.optional(z.string()), name: z.optional(z.string()) })),
});
const UserResponse = z.object({
  ...errors,
  result: z.optional(z.object({ name: z.optional(z.string()), unionid: z.optional(z.string()), mobile: z.optional(z.string()) })),
});
const ErrorsOnly = z.object(errors);

// 40078 (code missing or expired) and 40014 (invalid code) mean "log in again".
const BAD_CODE_ERRORS = new Set([40078, 40014, 88]);
// An access token DingTalk no longer accepts (expired, or revoked by a new one): fetch another and try once more.
const STALE_TOKEN_ERRORS = new Set([40014, 42001]);
// The person is not (or no longer) in the organization, or the app may not reach them: nothing to retry.
const UNREACHABLE_ERRORS = new Set([33012, 60011, 60121]);

/** A work notice (工作通知): a Markdown card from the app to one person of the organization. */
export interface WorkNotice {
  userid: string;
  title: string;
  markdown: string;
}

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

  /** GETs (or POSTs `body` as JSON) and parses the answer with `schema`. */
  async function call<S extends z.ZodMiniType>(path: string, query: Record<string, string>, schema: S, body?: unknown): Promise<z.infer<S>> {
    const url = new URL(path, options.apiBase);
    url.search = new URLSearchParams(query).toString();
    let raw: unknown;
    try {
      const res = await doFetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      raw = await res.json();
    } catch (cause) {
      throw new AppError(502, 'UPSTREAM_UNAVAILABLE', undefined, undefined, { cause });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new AppError(502, 'UPSTREAM_UNAVAILABLE', '钉钉返回的内容无法识别，请稍后重试', { upstream: path });
    return parsed.data;
  }

  async function accessToken(fresh = false): Promise<string> {
    if (!fresh && cached && cached.expiresAt > now()) return cached.token;
    const data = await call('/gettoken', { appkey: options.appKey, appsecret: await options.getSecret() }, TokenResponse);
    if (!data.access_token) throw new AppError(502, 'UPSTREAM_UNAVAILABLE', undefined, { upstream: data.errcode ?? null });
    // Refresh five minutes early so a token never expires mid-request.
    cached = { token: data.access_token, expiresAt: now() + ((data.expires_in ?? 7200) - 300) * 1000 };
    return cached.token;
  }

  return {
    async userFromAuthCode(code: string): Promise<DingtalkUser> {
      const token = await accessToken();
      const info = await call('/topapi/v2/user/getuserinfo', { access_token: token }, UserInfoResponse, { code });
      if (info.errcode && BAD_CODE_ERRORS.has(info.errcode)) {
        throw new AppError(401, 'LOGIN_CODE_INVALID', undefined, { upstream: info.errcode });
      }
      const userid = info.result?.userid;
      if (info.errcode || !userid) {
        throw new AppError(502, 'UPSTREAM_UNAVAILABLE', undefined, { upstream: info.errcode ?? null });
      }
      const details = await call('/topapi/v2/user/get', { access_token: token }, UserResponse, { userid, language: 'zh_CN' });
      const unionid = details.result?.unionid ?? info.result?.unionid;
      const name = details.result?.name ?? info.result?.name;
      // The mobile is there when the app may read it (通讯录个人信息读权限); it matches an imported teacher.
      const mobile = details.result?.mobile;
      return { userid, ...(unionid ? { unionid } : {}), ...(name ? { name } : {}), ...(mobile && /^1[3-9]\d{9}$/.test(mobile) ? { mobile } : {}) };
    },

    /** Sends a work notice as the app `agentId`; 'refused' when the person cannot be reached (not in the organization). */
    async sendWorkNotice(agentId: string, notice: WorkNotice): Promise<'sent' | 'refused'> {
      const body = { agent_id: agentId, userid_list: notice.userid, msg: { msgtype: 'markdown', markdown: { title: notice.title, text: notice.markdown } } };
      let errcode: number | undefined;
      for (let attempt = 0; attempt < 2; attempt++) {
        const data = await call('/topapi/message/corpconversation/asyncsend_v2', { access_token: await accessToken(attempt > 0) }, ErrorsOnly, body);
        if (!data.errcode) return 'sent';
        if (UNREACHABLE_ERRORS.has(data.errcode)) return 'refused';
        errcode = data.errcode;
        if (!STALE_TOKEN_ERRORS.has(data.errcode)) break;
      }
      throw new AppError(502, 'UPSTREAM_UNAVAILABLE', '钉钉工作通知发送失败', { upstream: errcode ?? null });
    },
  };
}
export type DingtalkClient = ReturnType<typeof makeDingtalkClient>;
