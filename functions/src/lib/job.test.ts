import { describe, expect, it } from 'vitest';
import { runJob } from './job.ts';
import { makeLogger } from './logger.ts';

describe('runJob', () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, log: makeLogger('info', { job: 'demo' }, (l) => lines.push(l)) };
  };

  it('hands the work a logger that carries the invocation request id', async () => {
    const { lines, log } = capture();
    const result = await runJob(log, { awsRequestId: 'req-1' }, async (l) => {
      l.info('done', { sent: 2 });
      return 2;
    });
    expect(result).toBe(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ job: 'demo', requestId: 'req-1', message: 'done', sent: 2 });
  });

  it('logs a failure with the request id and rethrows it (Lambda retries, then the dead-letter queue)', async () => {
    const { lines, log } = capture();
    await expect(runJob(log, { awsRequestId: 'req-2' }, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', message: 'job failed', requestId: 'req-2', error: { message: 'boom' } });
  });
});
