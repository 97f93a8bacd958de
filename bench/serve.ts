import '../infra/src/local/quiet-sdk.ts';
import { seedScaleOf, startStack } from '../infra/src/local/stack.ts';

// The stack under measurement, in its own process: prints one READY line with what the benchmark needs.
const stack = await startStack({
  port: 0,
  seed: true,
  meter: process.env.BENCH_METER !== '0',
  seedScale: seedScaleOf(process.env.SEED_SCALE),
  ...(process.env.WEB_ROOT ? { webRoot: process.env.WEB_ROOT } : {}),
  // The reliability section: this share of the handlers' DynamoDB calls fail (throttled, connection dropped).
  ...(process.env.BENCH_FAULT_RATE ? { faults: { rate: Number(process.env.BENCH_FAULT_RATE), seed: 20260806, outsideRetriesShare: 0.5 } } : {}),
  env: {
    LOG_LEVEL: 'silent',
    QR_SECRET: process.env.BENCH_QR_SECRET ?? '',
    ...(process.env.BENCH_JWT_SECRET ? { JWT_SECRET: process.env.BENCH_JWT_SECRET } : {}),
  },
});
process.stdout.write(`READY ${JSON.stringify({ url: stack.url, dynamoEndpoint: stack.dynamoEndpoint, tableName: stack.tableName })}\n`);
const stop = () => void stack.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
