import { appConfig } from '../config';
import { signInWithDingtalk } from '../services/auth';
import type { PlatformLogin } from './types';

interface DingtalkApi {
  getAuthCode(options: {
    corpId: string;
    success: (result: { authCode: string }) => void;
    fail: (error: { errorMessage?: string }) => void;
  }): void;
}
declare const dd: DingtalkApi;

// Taro.login maps to Alipay's scope-based getAuthCode; DingTalk needs the corpId form.
function getAuthCode(corpId: string): Promise<string> {
  return new Promise((resolve, reject) => {
    dd.getAuthCode({
      corpId,
      success: ({ authCode }) => resolve(authCode),
      fail: () => reject(new Error('无法获取钉钉登录凭证，请稍后重试')),
    });
  });
}

export const platformLogin: PlatformLogin | null = {
  label: '钉钉一键登录',
  async signIn() {
    if (!appConfig.ddCorpId) throw new Error('未配置钉钉企业 CorpId，请联系管理员');
    return signInWithDingtalk(await getAuthCode(appConfig.ddCorpId));
  },
};
