import Taro from '@tarojs/taro';
import { signInWithWechat } from '../services/auth';
import type { PhoneLogin } from './phone-login';

export const phoneLogin: PhoneLogin | null = {
  async signIn(phoneCode) {
    const { code } = await Taro.login().catch(() => {
      throw new Error('无法获取微信登录凭证，请稍后重试');
    });
    return signInWithWechat(code, phoneCode);
  },
};
