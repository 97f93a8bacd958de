import type { TestProject } from 'vitest/node';
import { startStack } from '@lianyan/infra/local/stack';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: { url: string; dynamoEndpoint: string; tableName: string; wechatUrl: string; dingtalkUrl: string; liveSessionId: string };
  }
}

/** One in-memory stack (DynamoDB Local, fakes, real handlers over HTTP) for the whole integration run. */
export default async function setup(project: TestProject) {
  const stack = await startStack({ port: 0, seed: true });
  project.provide('stack', {
    url: stack.url,
    dynamoEndpoint: stack.dynamoEndpoint,
    tableName: stack.tableName,
    wechatUrl: stack.wechat.url,
    dingtalkUrl: stack.dingtalk.url,
    liveSessionId: stack.liveSession?.id ?? '',
  });
  return () => stack.stop();
}
