import '../../infra/src/local/quiet-sdk.ts';
import { startStack } from '../../infra/src/local/stack.ts';

// A local stack in its own process for tests that kill it or read its logs: prints one READY line, then its logs.
const stack = await startStack({
  port: Number(process.env.PORT ?? 0),
  seed: true,
  ...(process.env.DATA_DIR ? { dataDir: process.env.DATA_DIR } : {}),
  env: {
    LOG_LEVEL: process.env.CHILD_LOG_LEVEL ?? 'silent',
    QR_SECRET: process.env.CHILD_QR_SECRET ?? '',
    JWT_SECRET: process.env.CHILD_JWT_SECRET ?? '',
  },
});
process.stdout.write(
  `READY ${JSON.stringify({
    url: stack.url,
    dynamoEndpoint: stack.dynamoEndpoint,
    dynamoPid: stack.dynamoPid,
    wechatUrl: stack.wechat.url,
    inviteCode: stack.familyDemo?.inviteCode,
  })}\n`,
);
const stop = () => void stack.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
