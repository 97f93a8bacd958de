import { randomBytes } from 'node:crypto';
import { startFakeServer, type FakeServer } from './http.ts';

export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  at: string;
}

export interface FakeWechat extends FakeServer {
  /** Mints a login code for this openid, as `wx.login` would on a phone. */
  issueCode(openid: string, unionid?: string): string;
  /** Mints a phone code for this number, as a `getPhoneNumber` button would (also POST /__fake/phone-codes { phone }). */
  issuePhoneCode(phone: string): string;
  /** Subscribe messages received, in order (also at GET /__fake/messages). */
  messages: SentMessage[];
}

/**
 * Loopback stand-in for api.weixin.qq.com: `jscode2session` with WeChat's own error codes
 * (40013 bad appid, 40125 bad secret, 40029 invalid code, 40163 code already used); `stable_token`,
 * `wxa/business/getuserphonenumber` (40029 bad or used phone code) and `message/subscribe/send` (40001 bad token,
 * 43101 not subscribed), recording what was sent.
 */
export async function startFakeWechat(options: { appId: string; appSecret: string; port?: number }): Promise<FakeWechat> {
  const codes = new Map<string, { openid: string; unionid?: string; used: boolean }>();
  const issueCode = (openid: string, unionid?: string) => {
    const code = `wx${randomBytes(12).toString('hex')}`;
    codes.set(code, { openid, ...(unionid ? { unionid } : {}), used: false });
    return code;
  };
  const phoneCodes = new Map<string, { phone: string; used: boolean }>();
  const issuePhoneCode = (phone: string) => {
    const code = `ph${randomBytes(12).toString('hex')}`;
    phoneCodes.set(code, { phone, used: false });
    return code;
  };
  const tokens = new Set<string>();
  const messages: SentMessage[] = [];
  // openids that refused (or never gave) consent to subscribe messages: POST /__fake/refuse { openid }
  const refused = new Set<string>();
  const server = await startFakeServer(
    {
      'POST /cgi-bin/stable_token': (_req, _url, body) => {
        const { appid, secret, grant_type: grantType } = (body ?? {}) as Record<string, unknown>;
        if (grantType !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
        if (appid !== options.appId) return { errcode: 40013, errmsg: 'invalid appid' };
        if (secret !== options.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
        const token = `at-${randomBytes(12).toString('hex')}`;
        tokens.add(token);
        return { access_token: token, expires_in: 7200 };
      },
      'POST /cgi-bin/message/subscribe/send': (_req, url, body) => {
        if (!tokens.has(url.searchParams.get('access_token') ?? '')) return { errcode: 40001, errmsg: 'invalid credential' };
        const message = (body ?? {}) as Omit<SentMessage, 'at'>;
        if (!message.touser || !message.template_id || !message.data) return { errcode: 47003, errmsg: 'argument invalid' };
        if (refused.has(message.touser)) return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
        messages.push({ ...message, at: new Date().toISOString() });
        return { errcode: 0, errmsg: 'ok' };
      },
      'POST /wxa/business/getuserphonenumber': (_req, url, body) => {
        if (!tokens.has(url.searchParams.get('access_token') ?? '')) return { errcode: 40001, errmsg: 'invalid credential' };
        const entry = phoneCodes.get((body as { code?: string } | undefined)?.code ?? '');
        if (!entry || entry.used) return { errcode: 40029, errmsg: 'invalid code' };
        entry.used = true;
        return {
          errcode: 0,
          errmsg: 'ok',
          phone_info: { phoneNumber: entry.phone, purePhoneNumber: entry.phone, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: options.appId } },
        };
      },
      'POST /__fake/phone-codes': (_req, _url, body) => ({ code: issuePhoneCode(String((body as { phone?: string } | undefined)?.phone ?? '')) }),
      'GET /__fake/messages': () => ({ messages }),
      'POST /__fake/refuse': (_req, _url, body) => {
        const { openid } = (body ?? {}) as { openid?: string };
        if (openid) refused.add(openid);
        return { ok: true };
      },
      'GET /sns/jscode2session': (_req, url) => {
        if (url.searchParams.get('appid') !== options.appId) return { errcode: 40013, errmsg: 'invalid appid' };
        if (url.searchParams.get('secret') !== options.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
        if (url.searchParams.get('grant_type') !== 'authorization_code') return { errcode: 40002, errmsg: 'invalid grant_type' };
        const entry = codes.get(url.searchParams.get('js_code') ?? '');
        if (!entry) return { errcode: 40029, errmsg: 'invalid code' };
        if (entry.used) return { errcode: 40163, errmsg: 'code been used' };
        entry.used = true;
        return {
          openid: entry.openid,
          session_key: randomBytes(16).toString('base64'),
          ...(entry.unionid ? { unionid: entry.unionid } : {}),
        };
      },
      'POST /__fake/codes': (_req, _url, body) => {
        const { openid, unionid } = (body ?? {}) as { openid?: string; unionid?: string };
        return { code: issueCode(openid ?? `o${randomBytes(8).toString('hex')}`, unionid) };
      },
    },
    options.port,
  );
  return { ...server, issueCode, issuePhoneCode, messages };
}
