import type { Health } from '@lianyan/shared';
import { config } from '#config';
import { route } from '#app';

export const handler = route({ name: 'health', access: 'public' }, async (): Promise<Health> => ({
  status: 'ok',
  stage: config.stage,
  time: new Date().toISOString(),
}));
