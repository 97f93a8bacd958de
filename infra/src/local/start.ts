import './quiet-sdk.ts';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DistrictName, ROLE_LABELS } from '@lianyan/shared';
import { bootstrapDistrict, describeBootstrap } from '../admin/bootstrap.ts';
import { LOCAL_STACK_FILE, type LocalStackInfo } from '../admin/target.ts';
import { assertJava17 } from './dynamodb.ts';
import { buildH5, h5IsStale } from './h5.ts';
import { seedScaleOf, startStack } from './stack.ts';

// `npm start`: the whole product on this machine.
const root = resolve(import.meta.dirname, '../../..');
const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(root, process.env.DATA_DIR ?? '.data');
const say = (line: string) => process.stdout.write(`${line}\n`);
const started = Date.now();
// SEED=none: an empty store, as a district starts on AWS; the district-admin invite is printed below.
const seedMode = process.env.SEED ?? 'demo';
if (seedMode !== 'demo' && seedMode !== 'none') {
  process.stderr.write(`SEED must be "demo" (the default) or "none", not "${seedMode}"\n`);
  process.exit(1);
}
const districtName = DistrictName.safeParse(process.env.DISTRICT_NAME ?? '明湖区教育体育局');
if (!districtName.success) {
  process.stderr.write(`DISTRICT_NAME: ${districtName.error.issues[0]?.message}\n`);
  process.exit(1);
}

try {
  assertJava17();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}

say('联研 Lianyan — starting the local stack…');
const h5: Promise<Error | undefined> = h5IsStale(root)
  ? (say('Building the H5 app (about 20 s the first time)…'), buildH5(root, say).then(() => undefined, (e: Error) => e))
  : Promise.resolve(undefined);

const stack = await startStack({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  dataDir,
  webRoot: resolve(root, 'miniapp/dist/h5'),
  env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
  seed: seedMode === 'demo',
  seedHistory: true,
  seedMentorPairs: true,
  seedScale: seedScaleOf(process.env.SEED_SCALE),
  // Reminders before family sessions go to the loopback WeChat server, as the scheduled job does on AWS.
  jobIntervalMs: 60_000,
  keepLiveSession: true,
  log: say,
}).catch((error: unknown) => {
  process.stderr.write(`Could not start the local stack: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

// `npm run admin` finds this stack through this file while it runs.
const stackFile = join(dataDir, LOCAL_STACK_FILE);
const stackInfo: LocalStackInfo = { url: stack.url, dynamoEndpoint: stack.dynamoEndpoint, tableName: stack.tableName, pid: process.pid };
writeFileSync(stackFile, JSON.stringify(stackInfo));

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  say(`\n${signal}: stopping (DynamoDB Local included)…`);
  rmSync(stackFile, { force: true });
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
// A closed terminal sends SIGHUP: stop cleanly then too, or DynamoDB Local outlives us.
process.on('SIGHUP', () => void stop('SIGHUP'));

const h5Error = await h5;
if (h5Error) say(`H5 build failed: ${h5Error.message}. The API still runs; fix the build and restart.`);

function printDemoAccounts() {
  const width = Math.max(...stack.accounts.map((a) => a.account.length));
  const scale = seedScaleOf(process.env.SEED_SCALE);
  if (scale === 'district') say('District data: 14 federations × 4 schools × 60 teachers (dev accounts dt-<federation>-<school>-<n>), a semester of closed sessions; district-admin sees them all');
  else if (scale > 0) say(`Scale data: ${scale} more teachers, dev accounts scale-t-0 … scale-t-${scale - 1}`);
  say('Demo accounts (pick one on the dev login page):');
  for (const a of stack.accounts) {
    const roles = a.roles.map((r) => ROLE_LABELS[r.role]).join('、');
    say(`  ${a.account.padEnd(width)}  ${a.name}  ${roles}`);
  }
}

/** An empty store: the district once, and its admin's invite (the same as `npm run admin -- bootstrap`). */
async function printBootstrap() {
  const { db } = await import('@lianyan/functions/clients');
  say('Empty store (SEED=none): set up the district through the app.');
  try {
    const result = await bootstrapDistrict({ db, table: stack.tableName }, { districtName: districtName.data as string });
    for (const line of describeBootstrap(result, stack.url)) say(`  ${line}`);
  } catch (error) {
    say(`  ${error instanceof Error ? error.message : String(error)}`);
  }
  say(`  A new local account: ${stack.url}/#/packages/auth/dev-login/index → 新建本地账号`);
}

say('');
say(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
say(`  App (H5):        ${stack.url}/`);
say(`  Dev login:       ${stack.url}/#/packages/auth/dev-login/index`);
say(`  API:             ${stack.url}/v1/health`);
say(`  Data:            ${dataDir}  (DynamoDB Local at ${stack.dynamoEndpoint})`);
if (stack.liveSession) say(`  Open for sign-in: ${stack.liveSession.title} (${stack.liveSession.id})`);
if (stack.familyDemo) {
  say(`  家长学校:        ${stack.familyDemo.session.title} (${stack.familyDemo.session.id}), open for registration`);
  say(`  Parent invite:   ${stack.familyDemo.inviteCode}  (明湖区实验小学; bind a child at ${stack.url}/#/packages/family/bind/index)`);
  say(`  WeChat messages: ${stack.wechat.url}/__fake/messages  (reminders the loopback WeChat server received)`);
  say(`  DingTalk notices: ${stack.dingtalk.url}/__fake/messages  (work notices the loopback DingTalk server received)`);
}
say('');
if (seedMode === 'none') await printBootstrap();
else printDemoAccounts();
say('\nPress Ctrl-C to stop.');
