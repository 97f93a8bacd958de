import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface ChildStack {
  url: string;
  dynamoEndpoint: string;
  dynamoPid: number | undefined;
  wechatUrl: string;
  tableName: string;
  inviteCode: string | undefined;
  pid: number | undefined;
  /** Everything the stack printed after READY (its logs). */
  output: () => string;
  /** SIGTERM: the stack stops DynamoDB Local itself. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash: the Node process and DynamoDB Local's Java process, with no chance to clean up. */
  kill(): Promise<void>;
}

/** Starts `tests/support/serve-child.ts` in a child process and waits for its READY line. */
export function startChildStack(env: Record<string, string>): Promise<ChildStack> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'tests/support/serve-child.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let ready = false;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolvePromise, reject) => {
    child.once('exit', (code) => {
      if (!ready) reject(new Error(`stack exited (${code}) before it was ready:\n${out}`));
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (ready) return;
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (!line) return;
      ready = true;
      const info = JSON.parse(line.slice(6)) as Omit<ChildStack, 'pid' | 'output' | 'stop' | 'kill'>;
      const after = out.indexOf(line) + line.length + 1;
      resolvePromise({
        ...info,
        pid: child.pid,
        output: () => out.slice(after),
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
          if (info.dynamoPid) {
            try {
              process.kill(info.dynamoPid, 'SIGKILL');
            } catch {
              // already gone
            }
            // Wait until the Java process is gone, so a restart finds its files free.
            for (let i = 0; i < 100; i++) {
              try {
                process.kill(info.dynamoPid, 0);
              } catch {
                return;
              }
              await new Promise((r) => setTimeout(r, 50));
            }
          }
        },
      });
    });
  });
}
