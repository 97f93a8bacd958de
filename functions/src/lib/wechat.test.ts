import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { fakeFetch } from './testing/fake-fetch.ts';
import { makeWechatClient } from './wechat.ts';

const client = (fetch: typeof globalThis.fetch) => makeWechatClient({ apiBase: 'https://wx.test', appId: 'wx1', getSecret: async () => 'secret', fetch });
const message = { touser: 'o1', templateId: 't1', page: 'pages/index/index', data: { thing1: { value: '讲座' } } };

describe('WeChat subscribe messages', () => {
  it('gets a stable token once, caches it, and sends', async () => {
    const { fetch, calls } = fakeFetch({
      '/cgi-bin/stable_token': [{ access_token: 'AT1', expires_in: 7200 }],
      '/cgi-bin/message/subscribe/send': [{ errcode: 0 }, { errcode: 0 }],
    });
    const wechat = client(fetch);
    expect(await wechat.sendSubscribeMessage(message)).toBe('sent');
    expect(await wechat.sendSubscribeMessage(message, 'developer')).toBe('sent');
    expect(calls.map((c) => c.path)).toEqual(['/cgi-bin/stable_token', '/cgi-bin/message/subscribe/send', '/cgi-bin/message/subscribe/send']);
    expect(calls[0]?.body).toMatchObject({ grant_type: 'client_credential', appid: 'wx1', secret: 'secret' });
    expect(calls[1]).toMatchObject({ query: { access_token: 'AT1' }, body: { touser: 'o1', template_id: 't1', miniprogram_state: 'formal' } });
    expect(calls[2]?.body.miniprogram_state).toBe('developer');
  });

  it('renews a stale token once, and reports a user without consent as refused', async () => {
    const { fetch, calls } = fakeFetch({
      '/cgi-bin/stable_token': [{ access_token: 'AT1', expires_in: 7200 }, { access_token: 'AT2', expires_in: 7200 }],
      '/cgi-bin/message/subscribe/send': [{ errcode: 42001 }, { errcode: 0 }, { errcode: 43101 }],
    });
    const wechat = client(fetch);
    expect(await wechat.sendSubscribeMessage(message)).toBe('sent');
    expect(calls[1]?.query.access_token).toBe('AT1');
    expect(calls[2]).toMatchObject({ path: '/cgi-bin/stable_token', body: { force_refresh: true } });
    expect(calls[3]?.query.access_token).toBe('AT2');
    expect(await wechat.sendSubscribeMessage(message)).toBe('refused');
  });

  it('fails as UPSTREAM_UNAVAILABLE with WeChat’s code on any other error', async () => {
    const { fetch } = fakeFetch({ '/cgi-bin/stable_token': [{ access_token: 'AT1' }], '/cgi-bin/message/subscribe/send': [{ errcode: 40003 }] });
    const error = await client(fetch).sendSubscribeMessage(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { upstream: 40003 } });
  });
});

describe('WeChat phone numbers (手机号快捷登录)', () => {
  const phone = (purePhoneNumber: string, countryCode = '86') => ({ errcode: 0, phone_info: { phoneNumber: purePhoneNumber, purePhoneNumber, countryCode } });

  it('reads the number behind a phone code, renewing a stale token once', async () => {
    const { fetch, calls } = fakeFetch({
      '/cgi-bin/stable_token': [{ access_token: 'AT1', expires_in: 7200 }, { access_token: 'AT2', expires_in: 7200 }],
      '/wxa/business/getuserphonenumber': [{ errcode: 40001 }, phone('13812345678')],
    });
    expect(await client(fetch).phoneNumberFromCode('pc1')).toBe('13812345678');
    expect(calls.at(-1)).toMatchObject({ query: { access_token: 'AT2' }, body: { code: 'pc1' } });
  });

  it('takes only mainland mobiles, refuses a used code, and does not trust a response it cannot parse', async () => {
    const { fetch } = fakeFetch({
      '/cgi-bin/stable_token': [{ access_token: 'AT1', expires_in: 7200 }],
      '/wxa/business/getuserphonenumber': [phone('5551234', '1'), { errcode: 40029 }, { errcode: 0, phone_info: { purePhoneNumber: 13812345678 } }],
    });
    const wechat = client(fetch);
    expect(await wechat.phoneNumberFromCode('a')).toBeUndefined();
    await expect(wechat.phoneNumberFromCode('b')).rejects.toMatchObject({ code: 'PHONE_CODE_INVALID', statusCode: 400 });
    await expect(wechat.phoneNumberFromCode('c')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });
});

describe('WeChat answers of an unexpected shape', () => {
  it('are an upstream failure (502 UPSTREAM_UNAVAILABLE), not a crash further on', async () => {
    const { fetch } = fakeFetch({ '/sns/jscode2session': [{ openid: 42 }, ['not', 'an', 'object']] });
    const wechat = client(fetch);
    for (let i = 0; i < 2; i++) {
      const error = await wechat.codeToSession('code').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ statusCode: 502, code: 'UPSTREAM_UNAVAILABLE', details: { upstream: '/sns/jscode2session' } });
    }
  });
});
