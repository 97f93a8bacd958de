import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { root, type StackChild } from './lib.ts';

/**
 * The sign-in handler as Lambda invokes it, beside raw conditional PutItem, both from one process (bench/signin-worker.ts,
 * given a Lambda's environment) on the stack's DynamoDB Local. Records `signin.inprocess.*`.
 */
export function inProcessSignInFigures(stack: StackChild, short: boolean, record: (key: string, value: number) => void, say: (line: string) => void) {
  const env = {
    ...process.env,
    STAGE: 'bench',
    TABLE_NAME: stack.tableName,
    DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
    AWS_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    JWT_SECRET: randomBytes(32).toString('hex'),
    QR_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    BENCH_SIGNIN_PEOPLE: short ? '1000' : '2000',
    BENCH_SIGNIN_ROUNDS: '3',
    BENCH_SIGNIN_CONCURRENCY: '50,200',
  };
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/signin-worker.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise<void>((resolve, reject) => {
    let buffer = '';
    let figures: Record<string, number> | undefined;
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('SAY ')) say(line.slice(4));
        if (line.startsWith('RESULT ')) figures = JSON.parse(line.slice(7)) as Record<string, number>;
      }
    });
    child.once('exit', (code) => {
      if (code !== 0 || !figures) return reject(new Error(`in-process sign-in bench exited (${code}) without figures`));
      for (const [key, value] of Object.entries(figures)) record(`signin.inprocess.${key}`, value);
      record('signin.inprocess.ratio', Math.min(figures['c50.ratio']!, figures['c200.ratio']!));
      record('signin.inprocess.errors', (figures['c50.errors'] ?? 0) + (figures['c200.errors'] ?? 0));
      record('signin.inprocess.cpuUsPerSignIn', figures['c50.cpuUsPerSignIn']!);
      say(`  (the section took ${Math.round((performance.now() - started) / 1000)} s)`);
      resolve();
    });
  });
}
