import '../../infra/src/local/quiet-sdk.ts';
import { startStack } from '../../infra/src/local/stack.ts';

// A local stack in its own process for tests that kill it or read its logs, or need an empty store
// (CHILD_SEED=none, as `SEED=none npm start`) with the H5 build (CHILD_WEB_ROOT): prints one READY line, then its logs.
const stack = await startStack({
  port: Number(process.env.PORT ?? 0),
  seed: process.env.CHILD_SEED !== 'none',
  ...(process.env.CHILD_WEB_ROOT ? { webRoot: process.env.CHILD_WEB_ROOT } : {}),
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
    tableName: stack.tableName,
    inviteCode: stack.familyDemo?.inviteCode,
  })}\n`,
);
const stop = () => void stack.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
