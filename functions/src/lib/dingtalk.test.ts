import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { fakeFetch } from './testing/fake-fetch.ts';
import { makeDingtalkClient } from './dingtalk.ts';

const client = (fetch: typeof globalThis.fetch) => makeDingtalkClient({ apiBase: 'https://dd.test', appKey: 'ding1', getSecret: async () => 'secret', fetch });
const notice = { userid: 'u1', title: '打卡提醒：每月师德学习', markdown: '### 打卡提醒\n本月还未打卡' };
const SEND = '/topapi/message/corpconversation/asyncsend_v2';

describe('DingTalk work notices', () => {
  it('sends a Markdown notice as the agent, with a cached token', async () => {
    const { fetch, calls } = fakeFetch({ '/gettoken': [{ errcode: 0, access_token: 'T1', expires_in: 7200 }], [SEND]: [{ errcode: 0, task_id: 1 }, { errcode: 0, task_id: 2 }] });
    const dd = client(fetch);
    expect(await dd.sendWorkNotice('3000', notice)).toBe('sent');
    expect(await dd.sendWorkNotice('3000', { ...notice, userid: 'u2' })).toBe('sent');
    expect(calls.map((c) => c.path)).toEqual(['/gettoken', SEND, SEND]);
    expect(calls[1]).toMatchObject({
      query: { access_token: 'T1' },
      body: { agent_id: '3000', userid_list: 'u1', msg: { msgtype: 'markdown', markdown: { title: notice.title, text: notice.markdown } } },
    });
  });

  it('fetches a new token once when DingTalk no longer takes the cached one', async () => {
    const { fetch, calls } = fakeFetch({
      '/gettoken': [{ errcode: 0, access_token: 'T1' }, { errcode: 0, access_token: 'T2' }],
      [SEND]: [{ errcode: 40014 }, { errcode: 0 }],
    });
    expect(await client(fetch).sendWorkNotice('3000', notice)).toBe('sent');
    expect(calls.filter((c) => c.path === SEND).map((c) => c.query.access_token)).toEqual(['T1', 'T2']);
  });

  it('answers refused for someone not in the organization, and fails with 502 otherwise', async () => {
    const gone = fakeFetch({ '/gettoken': [{ errcode: 0, access_token: 'T1' }], [SEND]: [{ errcode: 60121, errmsg: '找不到该用户' }] });
    expect(await client(gone.fetch).sendWorkNotice('3000', notice)).toBe('refused');
    const broken = fakeFetch({ '/gettoken': [{ errcode: 0, access_token: 'T1' }], [SEND]: [{ errcode: 400002 }] });
    const error = await client(broken.fetch).sendWorkNotice('3000', notice).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ statusCode: 502, code: 'UPSTREAM_UNAVAILABLE', details: { upstream: 400002 } });
  });
});

describe('DingTalk answers of an unexpected shape', () => {
  it('are an upstream failure (502 UPSTREAM_UNAVAILABLE), not a crash further on', async () => {
    const { fetch } = fakeFetch({ '/gettoken': [{ access_token: 'T1', expires_in: 7200 }], '/topapi/v2/user/getuserinfo': [{ result: { userid: 7 } }] });
    const error = await client(fetch).userFromAuthCode('code').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ statusCode: 502, code: 'UPSTREAM_UNAVAILABLE', details: { upstream: '/topapi/v2/user/getuserinfo' } });
  });
});
