import { randomBytes } from 'node:crypto';
import { startFakeServer, type FakeServer } from './http.ts';

export interface FakeWechat extends FakeServer {
  /** Mints a login code for this openid, as `wx.login` would on a phone. */
  issueCode(openid: string, unionid?: string): string;
}

/**
 * Loopback stand-in for api.weixin.qq.com: `jscode2session` with WeChat's own error codes
 * (40013 bad appid, 40125 bad secret, 40029 invalid code, 40163 code already used).
 */
export async function startFakeWechat(options: { appId: string; appSecret: string; port?: number }): Promise<FakeWechat> {
  const codes = new Map<string, { openid: string; unionid?: string; used: boolean }>();
  const issueCode = (openid: string, unionid?: string) => {
    const code = `wx${randomBytes(12).toString('hex')}`;
    codes.set(code, { openid, ...(unionid ? { unionid } : {}), used: false });
    return code;
  };
  const server = await startFakeServer(
    {
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
  return { ...server, issueCode };
}
