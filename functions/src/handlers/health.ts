import { config } from '#config';
import { route } from '#app';

export const handler = route({ name: 'health', access: 'public' }, async () => ({
  status: 'ok' as const,
  stage: config.stage,
  time: new Date().toISOString(),
}));
