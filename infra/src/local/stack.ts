import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { dynamoClient } from './dynamo-client.ts';
import { makeAccessGuard, type AccessGuard } from './access-guard.ts';
import type { Session } from '@lianyan/shared';
import type { LambdaHandler } from '@lianyan/functions/lib/http';
import type { RouteDefinition } from '@lianyan/functions/routes';
import { startFakeDingtalk, type FakeDingtalk } from '../fakes/dingtalk.ts';
import { startFakeWechat, type FakeWechat } from '../fakes/wechat.ts';
import { ensureDemoClasses } from '../seed/classes.ts';
import { closeDemoPast, demoAccounts, ensureFamilyDemo, ensureLiveSession, seedDemo, type DemoAccount } from '../seed/demo.ts';
import { ensureCampaignDemo } from '../seed/campaigns.ts';
import { seedDemoRecords } from '../seed/records.ts';
import { seedDemoHistory } from '../seed/history.ts';
import { seedDemoMentorPairs } from '../seed/mentor-pairs.ts';
import { seedDemoExchanges } from '../seed/exchanges.ts';
import { seedDemoObservations } from '../seed/observations.ts';
import { seedDistrict } from '../seed/district.ts';
import { seedScale } from '../seed/scale.ts';
import { ensureTable } from '../table.ts';
import { startDynamoDbLocal } from './dynamodb.ts';
import { freePort } from './ports.ts';
import { installDynamoFaults, type FaultOptions, type FaultStats } from './faults.ts';
import { makeDynamoMeter } from './metrics.ts';
import { createLocalServer } from './server.ts';
import { ensureTableStream, startStreamPoller, type StreamPoller } from './streams.ts';
import { rebuildAllAggregates } from '../admin/rebuild-aggregates.ts';


/** How often `keepLiveSession` looks at the demo's live session (its on-time window is kept open ≥ 10 minutes ahead). */
const LIVE_REFRESH_MS = 5 * 60_000;
export interface StackOptions {
  /** HTTP port; 0 picks a free one. */
  port?: number;
  host?: string;
  /** Where DynamoDB Local keeps its file; omitted = in memory. */
  dataDir?: string;
  dynamoPort?: number;
  seed?: boolean;
  webRoot?: string;
  /** Extra environment for the handlers (read once by their config module). */
  env?: Record<string, string>;
  /** Count DynamoDB commands and capacity per route, served at GET /__local/metrics (benchmarks). */
  meter?: boolean;
  /** Also seed who came to the past demo sessions and some growth-archive entries (`npm start`; tests make their own). */
  seedHistory?: boolean;
  /** Seed the demo's 师徒结对 (three pairs with logs; they count in the reports, so not with seedHistory alone). */
  seedMentorPairs?: boolean;
  /** Seed this many extra teachers, with sessions and history, or the district of 14 federations, for measuring (SEED_SCALE). */
  seedScale?: number | 'district';
  /** Run the scheduled jobs (functions/jobs.json) every this many ms, as EventBridge would on AWS; off when omitted. */
  jobIntervalMs?: number;
  /** `npm start`: every few minutes, publish a new demo 联合教研 when the current one's on-time window is closing, so the README's walk-through says 签到成功 whenever someone tries it. */
  keepLiveSession?: boolean;
  log?: (line: string) => void;
  /** Make this share of the handlers' DynamoDB attempts fail (throttling, dropped connections): reliability tests. */
  faults?: FaultOptions;
  /**
   * Read the table's stream and feed its consumers (functions/streams.json), as the event source mappings do on AWS
   * (default on). `settle: false` leaves routes marked `aggregates` free to read before the stream is drained (benchmarks of the lag).
   */
  streams?: false | { settle?: boolean };
}

/** SEED_SCALE as the stack takes it: `district`, or a number of extra teachers (0: none). */
export const seedScaleOf = (value: string | undefined): number | 'district' => (value === 'district' ? 'district' : Number(value ?? 0));

export interface Stack {
  url: string;
  dynamoEndpoint: string;
  /** DynamoDB Local's Java process. */
  dynamoPid: number | undefined;
  tableName: string;
  wechat: FakeWechat;
  dingtalk: FakeDingtalk;
  accounts: DemoAccount[];
  liveSession?: Session;
  /** The demo parent invite and an upcoming family session open for registration. */
  familyDemo?: { inviteCode: string; session: Session };
  /** What the fault injection did, when `faults` was given. */
  faults?: FaultStats;
  /** Holds a handler's table requests to its declared access (the server's handlers are already held). */
  accessGuard: AccessGuard;
  /** The stream poller (unless `streams: false`): `settle()` waits until every record so far has been aggregated. */
  streams?: StreamPoller;
  stop(): Promise<void>;
}

export const LOCAL_WECHAT = { appId: 'wx-local-demo', appSecret: 'local-wechat-secret', reminderTemplateId: 'tmpl-local-family-reminder', checkInTemplateId: 'tmpl-local-checkin-reminder' };
export const LOCAL_DINGTALK = { appKey: 'ding-local-demo', appSecret: 'local-dingtalk-secret', agentId: '3000000001' };

interface LocalSecrets {
  jwtSecret: string;
  qrSecret: string;
  uploadsSecret: string;
}

/** Development keys kept beside the data, so logins and display links survive restarts; random for in-memory stacks. */
function localSecrets(dataDir: string | undefined): LocalSecrets {
  const fresh = () => ({
    jwtSecret: randomBytes(32).toString('hex'),
    qrSecret: randomBytes(32).toString('hex'),
    uploadsSecret: randomBytes(32).toString('hex'),
  });
  if (!dataDir) return fresh();
  const file = join(dataDir, 'local-secrets.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) : {};
  const secrets = { ...fresh(), ...stored };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/**
 * Starts the whole backend on this machine: DynamoDB Local, the loopback WeChat and DingTalk servers,
 * the table, demo data and the real handlers behind node:http. One stack per process (handlers read
 * their configuration once).
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dynamo = await startDynamoDbLocal({
    port: options.dynamoPort ?? (await freePort()),
    ...(options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {}),
  });
  const wechat = await startFakeWechat(LOCAL_WECHAT);
  const dingtalk = await startFakeDingtalk(LOCAL_DINGTALK);
  const tableName = 'lianyan-local';
  const secrets = localSecrets(options.dataDir);
  const env: Record<string, string> = {
    STAGE: 'local',
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SUPPRESS_NODE_VERSION_SUPPORT_WARNING: '1',
    JWT_SECRET: secrets.jwtSecret,
    QR_SECRET: secrets.qrSecret,
    // Evidence files: on disk beside the data (a temporary directory for in-memory stacks), links signed locally.
    UPLOADS_DIR: options.dataDir ? join(options.dataDir, 'uploads') : mkdtempSync(join(tmpdir(), 'lianyan-uploads-')),
    UPLOADS_SECRET: secrets.uploadsSecret,
    WECHAT_APP_ID: LOCAL_WECHAT.appId,
    WECHAT_APP_SECRET: LOCAL_WECHAT.appSecret,
    WECHAT_API_BASE: wechat.url,
    WECHAT_REMINDER_TEMPLATE_ID: LOCAL_WECHAT.reminderTemplateId,
    WECHAT_CHECKIN_TEMPLATE_ID: LOCAL_WECHAT.checkInTemplateId,
    DINGTALK_APP_KEY: LOCAL_DINGTALK.appKey,
    DINGTALK_APP_SECRET: LOCAL_DINGTALK.appSecret,
    DINGTALK_API_BASE: dingtalk.url,
    DINGTALK_AGENT_ID: LOCAL_DINGTALK.agentId,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  Object.assign(process.env, env);

  const raw = dynamoClient({ endpoint: dynamo.endpoint, region: env.AWS_REGION });
  await ensureTable(raw, tableName);
  // A table from before the stream existed (an old data directory) gets it now, and its sessions their counters below.
  const streamSwitchedOn = options.streams !== false && (await ensureTableStream(raw, tableName)).enabled;

  // Imported only now: the handlers' config module reads the environment set above.
  const { db, localBlobs } = await import('@lianyan/functions/clients');
  const { routes, jobs, streams: streamTable } = await import('@lianyan/functions/routes');
  const ctx = { db, table: tableName };
  let liveSession: Session | undefined;
  let familyDemo: Stack['familyDemo'];
  if (options.seed !== false) {
    await seedDemo(ctx);
    liveSession = await ensureLiveSession(ctx);
    familyDemo = await ensureFamilyDemo(ctx);
    await ensureDemoClasses(ctx);
    await ensureCampaignDemo(ctx);
    if (options.seedHistory) {
      await seedDemoHistory(ctx);
      await seedDemoExchanges(ctx);
      await seedDemoObservations(ctx);
      if (localBlobs) await seedDemoRecords(ctx, localBlobs);
    }
    if (options.seedMentorPairs) await seedDemoMentorPairs(ctx);
    await closeDemoPast(ctx);
  }

  if (options.seed !== false && options.seedScale === 'district') {
    const district = await seedDistrict(ctx);
    options.log?.(`District seed: ${district.written} attendance items written in ${district.seconds.toFixed(1)} s`);
  } else if (options.seed !== false && typeof options.seedScale === 'number' && options.seedScale > 0) await seedScale(ctx, options.seedScale);
  const meter = options.meter ? makeDynamoMeter(db) : undefined;
  // Each handler's table requests within its declared access, as its IAM role allows on AWS.
  const guard = makeAccessGuard(db);
  let poller: StreamPoller | undefined;
  if (options.streams !== false) {
    const consumers = await Promise.all(
      streamTable.map(async (s) => {
        const { handler } = (await import(`@lianyan/functions/handlers/${s.handler}`)) as { handler: (event: { Records: unknown[] }) => Promise<unknown> };
        return { name: s.name, batchSize: s.batchSize, maximumRetryAttempts: s.maximumRetryAttempts, ...(s.keyPrefix ? { keyPrefix: s.keyPrefix } : {}), handler: guard.wrap(s.name, s.access, handler) };
      }),
    );
    poller = await startStreamPoller({ client: raw, endpoint: dynamo.endpoint, region: env.AWS_REGION ?? 'cn-north-1', tableName, consumers, ...(options.log ? { log: options.log } : {}) });
    if (streamSwitchedOn) options.log?.(`统计：已为此前的 ${await rebuildAllAggregates(ctx)} 场活动按出勤记录重算`);
  }
  raw.destroy();
  // After seeding: the demo data goes in whole, only the handlers' requests meet the faults.
  const faults = options.faults ? installDynamoFaults(db, options.faults) : undefined;
  const server: Server = await createLocalServer({
    routes,
    loadHandler: async (route: RouteDefinition) => {
      const { handler } = (await import(`@lianyan/functions/handlers/${route.handler}`)) as { handler: LambdaHandler };
      const guarded = guard.wrap(route.name, route.access, handler);
      return meter ? meter.wrap(route.name, guarded) : guarded;
    },
    ...(meter ? { metrics: meter } : {}),
    ...(localBlobs ? { blobs: localBlobs } : {}),
    ...(poller ? { streams: poller } : {}),
    ...(poller && (options.streams === undefined || (options.streams && options.streams.settle !== false)) ? { aggregatesSettled: poller.settle } : {}),
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  const timers: NodeJS.Timeout[] = [];
  if (options.jobIntervalMs) {
    for (const job of jobs) {
      const { handler } = (await import(`@lianyan/functions/handlers/${job.handler}`)) as { handler: () => Promise<unknown> };
      const guarded = guard.wrap(job.name, job.access, handler);
      const run = () => guarded().catch((error: unknown) => options.log?.(`job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`));
      timers.push(setInterval(run, options.jobIntervalMs));
    }
  }
  if (options.keepLiveSession && options.seed !== false) {
    const refresh = () =>
      ensureLiveSession(ctx).then(
        (live) => void (liveSession = live),
        (error: unknown) => options.log?.(`demo live session: ${error instanceof Error ? error.message : String(error)}`),
      );
    timers.push(setInterval(refresh, LIVE_REFRESH_MS));
  }
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';

  return {
    url: `http://${host === '::' ? 'localhost' : host}:${address.port}`,
    dynamoEndpoint: dynamo.endpoint,
    dynamoPid: dynamo.pid,
    tableName,
    wechat,
    dingtalk,
    accounts: demoAccounts(),
    ...(liveSession ? { liveSession } : {}),
    ...(familyDemo ? { familyDemo } : {}),
    ...(faults ? { faults } : {}),
    accessGuard: guard,
    ...(poller ? { streams: poller } : {}),
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await poller?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.all([wechat.close(), dingtalk.close()]);
      await dynamo.stop();
    },
  };
}
