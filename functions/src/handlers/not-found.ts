import { route } from '#app';
import { notFound } from '#lib/errors';

export const handler = route({ name: 'notFound', access: 'public' }, async () => {
  throw notFound('接口不存在，请检查地址或升级小程序');
});
