import { WechatLoginRequest } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'authWechat', access: 'public', body: WechatLoginRequest }, ({ body }) =>
  services.auth.loginWithWechat(body.code),
);
