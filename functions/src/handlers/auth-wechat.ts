import { WechatLoginRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/auth';

export const handler = route({ name: 'authWechat', access: 'public', body: WechatLoginRequest }, ({ body }) =>
  services.auth.loginWithWechat(body.code, body.phoneCode),
);
