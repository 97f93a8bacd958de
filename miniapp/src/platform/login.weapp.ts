import Taro from '@tarojs/taro';
import { signInWithWechat } from '../services/auth';
import type { PlatformLogin } from './types';

export const platformLogin: PlatformLogin | null = {
  label: '微信一键登录',
  async signIn() {
    const { code } = await Taro.login().catch(() => {
      throw new Error('无法获取微信登录凭证，请稍后重试');
    });
    return signInWithWechat(code);
  },
};
