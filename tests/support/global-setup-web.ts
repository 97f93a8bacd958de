import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import { startStack } from '@lianyan/infra/local/stack';

const webRoot = resolve(import.meta.dirname, '../../miniapp/dist/h5');

/** The stack the way `npm start` serves it: API and the H5 build on one origin. */
export default async function setup(project: TestProject) {
  if (!existsSync(resolve(webRoot, 'index.html'))) {
    throw new Error(`No H5 build at ${webRoot}: run \`npm run build:h5\` first (npm run test:e2e does).`);
  }
  const qrSecret = randomBytes(32).toString('hex');
  const stack = await startStack({ port: 0, seed: true, webRoot, env: { QR_SECRET: qrSecret, SESSION_CACHE_SECONDS: '0' } });
  project.provide('stack', {
    url: stack.url,
    dynamoEndpoint: stack.dynamoEndpoint,
    tableName: stack.tableName,
    wechatUrl: stack.wechat.url,
    dingtalkUrl: stack.dingtalk.url,
    liveSessionId: stack.liveSession?.id ?? '',
    qrSecret,
  });
  return () => stack.stop();
}
