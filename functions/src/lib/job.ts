import type { Logger } from './logger.ts';

/** What Lambda passes a scheduled job (EventBridge): its own request id, the one its logs and its failure carry. */
export interface JobContext {
  awsRequestId?: string;
}

/**
 * Runs one scheduled job with a logger that carries the invocation's request id (as API handlers carry theirs), and
 * logs a failure with it before rethrowing: Lambda then retries the event and finally sends it to the job's
 * dead-letter queue (serverless.yml), where the same request id finds these lines.
 */
export async function runJob<T>(base: Logger, context: JobContext | undefined, work: (log: Logger) => Promise<T>): Promise<T> {
  const log = base.child({ requestId: context?.awsRequestId ?? 'local' });
  try {
    return await work(log);
  } catch (error) {
    log.error('job failed', { error });
    throw error;
  }
}
