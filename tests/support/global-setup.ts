import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import { startStack } from '@lianyan/infra/local/stack';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: {
      url: string;
      dynamoEndpoint: string;
      tableName: string;
      wechatUrl: string;
      dingtalkUrl: string;
      /** The test stack's QR key, so tests can mint codes of past windows. */
      qrSecret: string;
      /** The test stack's JWT key, so tests can mint forged, expired and odd tokens. */
      jwtSecret: string;
    };
  }
}

/**
 * One in-memory stack (DynamoDB Local, fakes, real handlers over HTTP) for a whole test project, with a QR key
 * the tests know and no session cache (tests change sessions and scan at once). `webRoot` adds the H5 build.
 */
export async function startTestStack(project: TestProject, webRoot?: string) {
  const qrSecret = randomBytes(32).toString('hex');
  const jwtSecret = randomBytes(32).toString('hex');
  const stack = await startStack({
    port: 0,
    seed: true,
    ...(webRoot ? { webRoot } : {}),
    env: { QR_SECRET: qrSecret, JWT_SECRET: jwtSecret, SESSION_CACHE_SECONDS: '0' },
  });
  project.provide('stack', {
    url: stack.url,
    dynamoEndpoint: stack.dynamoEndpoint,
    tableName: stack.tableName,
    wechatUrl: stack.wechat.url,
    dingtalkUrl: stack.dingtalk.url,
    qrSecret,
    jwtSecret,
  });
  return () => stack.stop();
}

export default (project: TestProject) => startTestStack(project);
