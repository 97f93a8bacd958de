import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentClient } from '../local/dynamo-client.ts';
import type { TableContext } from '@lianyan/functions/lib/dynamo';

/** serverless.yml names the table `lianyan-${sls:stage}`; the package test checks this agrees with the template. */
export const tableNameOf = (stage: string) => `lianyan-${stage}`;

/** Written by `npm start` while it runs, so commands can reach its DynamoDB Local. */
export const LOCAL_STACK_FILE = 'local-stack.json';

export interface LocalStackInfo {
  url: string;
  dynamoEndpoint: string;
  tableName: string;
  pid: number;
}

export interface Target extends TableContext {
  describe: string;
  appUrl?: string;
  close(): void;
}

const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The local stack `npm start` runs (its data directory), or a deployed stage through the default AWS credentials. */
export function resolveTarget(options: { stage?: string; region?: string; table?: string; endpoint?: string; dataDir: string }): Target {
  if (options.endpoint) {
    // Another DynamoDB-compatible endpoint (DynamoDB Local run by hand, a test stack).
    const db = documentClient({ region: options.region ?? 'cn-north-1', endpoint: options.endpoint, local: true });
    const table = options.table ?? tableNameOf(options.stage ?? 'local');
    return { db, table, describe: `${table} @ ${options.endpoint}`, close: () => db.destroy() };
  }
  if (options.stage) {
    const region = options.region ?? process.env.AWS_REGION ?? 'cn-northwest-1';
    const db = documentClient({ region });
    const table = options.table ?? tableNameOf(options.stage);
    return { db, table, describe: `${table} (${region})`, close: () => db.destroy() };
  }
  const file = join(options.dataDir, LOCAL_STACK_FILE);
  const info = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LocalStackInfo) : undefined;
  if (!info || !processAlive(info.pid)) {
    throw new Error('本地服务没有运行：请先在另一个终端运行 npm start（或用 --stage 指定已部署的环境）');
  }
  const db = documentClient({ region: 'cn-north-1', endpoint: info.dynamoEndpoint, local: true });
  return { db, table: info.tableName, describe: `本地 ${info.url}`, appUrl: info.url, close: () => db.destroy() };
}
