import { services } from '#app/aggregates';
import { config } from '#config';
import { type JobContext, runJob } from '#lib/job';
import { makeLogger } from '#lib/logger';

const baseLog = makeLogger(config.logLevel, { stage: config.stage, job: 'aggregateStream' });

/**
 * The table's stream (NEW_AND_OLD_IMAGES, functions/streams.json) → the counters of the sessions a batch touches.
 * Answers Lambda's partial batch response: only the records of sessions whose counters failed come again; poison
 * records are logged and skipped, never retried.
 */
export async function handler(event?: { Records?: unknown }, context?: JobContext) {
  return runJob(baseLog, context, (log) => services.aggregates.applyStreamRecords(event?.Records, log));
}
