import { randomBytes } from 'node:crypto';
import { startFakeServer, type FakeServer } from './http.ts';

export interface FakeDingtalkUser {
  userid: string;
  name: string;
  unionid?: string;
  mobile?: string;
}

/** A work notice the fake received (asyncsend_v2). */
export interface SentWorkNotice {
  agent_id: string;
  userid_list: string;
  msg: { msgtype: string; markdown?: { title: string; text: string } };
  at: string;
}

export interface FakeDingtalk extends FakeServer {
  /** Mints an auth code for this person, as `dd.getAuthCode` would in the DingTalk client. */
  issueCode(user: FakeDingtalkUser): string;
  /** Work notices received, in order (also at GET /__fake/messages). */
  messages: SentWorkNotice[];
}

/**
 * Loopback stand-in for oapi.dingtalk.com: gettoken, /topapi/v2/user/getuserinfo and /topapi/v2/user/get, and work
 * notices (/topapi/message/corpconversation/asyncsend_v2), with DingTalk's error shapes (40089 bad appkey/secret,
 * 40014 bad token, 40078 bad or used code, 60121 no such person), recording the notices it received.
 */
export async function startFakeDingtalk(options: { appKey: string; appSecret: string; port?: number }): Promise<FakeDingtalk> {
  const codes = new Map<string, { user: FakeDingtalkUser; used: boolean }>();
  const users = new Map<string, FakeDingtalkUser>();
  const tokens = new Set<string>();
  const issueCode = (user: FakeDingtalkUser) => {
    const code = `dd${randomBytes(12).toString('hex')}`;
    codes.set(code, { user, used: false });
    users.set(user.userid, user);
    return code;
  };
  const tokenOk = (url: URL) => tokens.has(url.searchParams.get('access_token') ?? '');
  const messages: SentWorkNotice[] = [];
  // People who left the organization: POST /__fake/leave { userid }
  const left = new Set<string>();
  const server = await startFakeServer(
    {
      'GET /gettoken': (_req, url) => {
        if (url.searchParams.get('appkey') !== options.appKey || url.searchParams.get('appsecret') !== options.appSecret) {
          return { errcode: 40089, errmsg: '不合法的corpid或corpsecret' };
        }
        const token = randomBytes(16).toString('hex');
        tokens.add(token);
        return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 };
      },
      'POST /topapi/v2/user/getuserinfo': (_req, url, body) => {
        if (!tokenOk(url)) return { errcode: 40014, errmsg: '不合法的access_token' };
        const entry = codes.get((body as { code?: string } | undefined)?.code ?? '');
        if (!entry || entry.used) return { errcode: 40078, errmsg: '不存在的临时授权码' };
        entry.used = true;
        return { errcode: 0, errmsg: 'ok', result: { userid: entry.user.userid, name: entry.user.name, unionid: entry.user.unionid } };
      },
      'POST /topapi/v2/user/get': (_req, url, body) => {
        if (!tokenOk(url)) return { errcode: 40014, errmsg: '不合法的access_token' };
        const user = users.get((body as { userid?: string } | undefined)?.userid ?? '');
        if (!user) return { errcode: 60121, errmsg: '找不到该用户' };
        return { errcode: 0, errmsg: 'ok', result: { userid: user.userid, name: user.name, unionid: user.unionid, ...(user.mobile ? { mobile: user.mobile } : {}) } };
      },
      'POST /topapi/message/corpconversation/asyncsend_v2': (_req, url, body) => {
        if (!tokenOk(url)) return { errcode: 40014, errmsg: '不合法的access_token' };
        const notice = (body ?? {}) as Omit<SentWorkNotice, 'at'>;
        if (!notice.agent_id || !notice.userid_list || !notice.msg?.msgtype) return { errcode: 400002, errmsg: '参数不合法' };
        if (left.has(notice.userid_list)) return { errcode: 60121, errmsg: '找不到该用户' };
        messages.push({ ...notice, at: new Date().toISOString() });
        return { errcode: 0, errmsg: 'ok', task_id: messages.length };
      },
      'GET /__fake/messages': () => ({ messages }),
      'POST /__fake/leave': (_req, _url, body) => {
        const { userid } = (body ?? {}) as { userid?: string };
        if (userid) left.add(userid);
        return { ok: true };
      },
      'POST /__fake/codes': (_req, _url, body) => ({ code: issueCode(body as FakeDingtalkUser) }),
    },
    options.port,
  );
  return { ...server, issueCode, messages };
}
