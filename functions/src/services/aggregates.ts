import type { Clock } from '#lib/clock';
import type { Logger } from '#lib/logger';
import {
  attendanceOfKey,
  isAggregateOutput,
  MAX_COUNTED_USER_IDS,
  type AggregateRepository,
  type CountLine,
  type CountedRecord,
  type LatestSignIn,
  type SessionCounts,
} from '#repositories/aggregates';
import type { ReportSnapshotRepository } from '#repositories/report-snapshots';
import type { SchoolDigest, SchoolDigestRepository } from '#repositories/school-digests';
import { raiseReportVersions } from './report-versions.ts';
import { sharedDeviceUsers, summarize } from './attendance-rules.ts';
import { planDigests, type DigestedRecord } from './school-digests.ts';

/** Computations of one session overtaken this many times in a row: its records are retried later. */
const DIGEST_ATTEMPTS = 5;

/** The school bucket of a record filed without a school. */
const NO_SCHOOL = '-';

/** How many of the latest sign-ins the display lists. */
const LATEST_SIGN_INS = 8;

/** The display's 最新签到: records with a sign-in time of people attending, newest first (as the display listed them). */
export function latestSignIns(records: Array<Pick<CountedRecord, 'name' | 'signedInAt' | 'status'>>): LatestSignIn[] {
  return records
    .filter((a) => a.signedInAt && a.status !== 'absent' && a.status !== 'excused')
    .sort((a, b) => (b.signedInAt ?? '').localeCompare(a.signedInAt ?? ''))
    .slice(0, LATEST_SIGN_INS)
    .map((a) => ({ name: a.name ?? '', at: a.signedInAt as string, status: a.status }));
}

/**
 * A session's counters from its records, counted as the roster counts them (`summarize`, the derived
 * shared-device flag included), in total and by school. 应到 here is the recorded part only: the audience members
 * without a record yet (未签到, before close) are not attendance items, so a reader adds them.
 */
export function countSession(sessionId: string, records: CountedRecord[]): SessionCounts {
  const shared = sharedDeviceUsers(records);
  const shown = records.map((r) => ({
    ...r,
    flags: shared.has(r.userId) && !r.flags.includes('shared_device') ? [...r.flags, 'shared_device' as const] : r.flags,
  }));
  const line = (rs: typeof shown): CountLine => ({
    ...summarize(rs, 0),
    records: rs.length,
    withSignInTime: rs.filter((r) => r.signedInAt).length,
    // Hours are kept in tenths at most (creditedHours); rounding keeps the sum free of float noise.
    creditedHours: Math.round(rs.reduce((sum, r) => sum + (Number(r.creditedHours) || 0), 0) * 100) / 100,
  });
  const bySchool = new Map<string, typeof shown>();
  for (const r of shown) {
    const school = r.schoolId ?? NO_SCHOOL;
    const list = bySchool.get(school);
    if (list) list.push(r);
    else bySchool.set(school, [r]);
  }
  return {
    sessionId,
    total: line(shown),
    bySchool: Object.fromEntries([...bySchool.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([school, rs]) => [school, line(rs)])),
    latest: latestSignIns(records),
    ...(records.length <= MAX_COUNTED_USER_IDS ? { userIds: [...new Set(records.map((r) => r.userId))].sort() } : {}),
  };
}

/** The parts of a DynamoDB Streams record (Lambda's event shape) the aggregator reads; anything may be missing. */
export interface StreamRecord {
  eventID?: string;
  eventName?: string;
  dynamodb?: { Keys?: Record<string, { S?: string } | undefined>; SequenceNumber?: string };
}

export interface BatchResult {
  /** Records to deliver again (Lambda's ReportBatchItemFailures): those of the sessions whose counters failed. */
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

const EVENT_NAMES = new Set(['INSERT', 'MODIFY', 'REMOVE']);

/** The session a record changes the counters of, or why it is skipped (poison or not counted). */
export function sessionOfRecord(record: StreamRecord): { sessionId: string } | { skip: string } {
  if (!record || typeof record !== 'object') return { skip: 'not a record' };
  if (!EVENT_NAMES.has(String(record.eventName))) return { skip: 'unknown event' };
  const keys = record.dynamodb?.Keys;
  const target = attendanceOfKey(keys?.PK?.S, keys?.SK?.S);
  if (!target) return { skip: keys?.PK?.S && keys?.SK?.S ? 'not counted' : 'no keys' };
  return { sessionId: target.sessionId };
}

/**
 * The stream aggregator (issue 19): each batch recomputes the counters of every session it touches from that
 * session's records (one consistent Query) and replaces them, guarded by when the computation started reading.
 * A record delivered twice, late or out of order changes nothing more: the counters are a function of the items,
 * not a sum of the records (docs/DESIGN.md "Aggregates kept by the stream").
 */
export function makeAggregateService(deps: { aggregates: AggregateRepository; digests: SchoolDigestRepository; clock: Clock; snapshots?: ReportSnapshotRepository }) {
  let lastRead = 0;
  /** Strictly increasing within an instance, and after the read instant of the session's last digests. */
  const readInstant = (after?: string) => {
    lastRead = Math.max(deps.clock.now().getTime(), lastRead + 1, after ? Date.parse(after) + 1 : 0);
    return new Date(lastRead).toISOString();
  };

  /**
   * The session's counters and its school × semester digests from one read of its records. The digest state, read
   * before the records, is replaced only if unchanged (compare-and-set on its `readAt`): the computations of a session
   * that write form one chain, each having read after the one before wrote, with increasing `readAt`. Only a
   * computation that joined the chain writes the counters and the digests; one that another overtook reads again.
   */
  async function recomputeSession(sessionId: string): Promise<{ outcome: 'written' | 'stale'; counts: SessionCounts; digests: Map<string, SchoolDigest> }> {
    for (let attempt = 1; ; attempt += 1) {
      const seen = await deps.digests.getDigestState(sessionId);
      const readAt = readInstant(seen?.readAt);
      const records = await deps.aggregates.countedRecords(sessionId);
      const plan = planDigests(sessionId, records as DigestedRecord[], seen);
      if (await deps.digests.claimDigestState(sessionId, { partitions: plan.partitions, readAt }, seen)) {
        const counts = countSession(sessionId, records);
        const outcome = await deps.aggregates.putSessionCounts(counts, readAt);
        await Promise.all(plan.all.map((digest) => deps.digests.putSchoolDigest(digest, readAt)));
        return { outcome, counts, digests: plan.digests };
      }
      if (attempt >= DIGEST_ATTEMPTS) throw new Error(`session ${sessionId}: overtaken ${attempt} times by other computations`);
    }
  }

  return {
    recomputeSession,

    async applyStreamRecords(records: unknown, log: Logger): Promise<BatchResult> {
      const list: StreamRecord[] = Array.isArray(records) ? records : [];
      const sequencesBySession = new Map<string, string[]>();
      let skipped = 0;
      for (const record of list) {
        const target = sessionOfRecord(record);
        if ('skip' in target) {
          skipped += 1;
          // Poison or an item that counts nothing: logged (keys only, no personal data) and never retried.
          if (target.skip !== 'not counted') log.warn('aggregate: record skipped', { reason: target.skip, eventID: record?.eventID });
          continue;
        }
        const seqs = sequencesBySession.get(target.sessionId) ?? [];
        if (record.dynamodb?.SequenceNumber) seqs.push(record.dynamodb.SequenceNumber);
        sequencesBySession.set(target.sessionId, seqs);
      }
      const failures: string[] = [];
      let written = 0;
      let stale = 0;
      for (const [sessionId, seqs] of sequencesBySession) {
        try {
          const { outcome } = await recomputeSession(sessionId);
          if (outcome === 'written') written += 1;
          else stale += 1;
        } catch (error) {
          log.error('aggregate: session failed', { sessionId, error });
          failures.push(...seqs);
        }
      }
      if (deps.snapshots) {
        try {
          await raiseReportVersions(list, { snapshots: deps.snapshots, isOwnOutput: isAggregateOutput, log });
        } catch (error) {
          // The whole batch again: its sessions are recomputed to the same counters, and the versions raised.
          log.error('aggregate: report versions failed', { error });
          const all = list.map((r) => r?.dynamodb?.SequenceNumber).filter((s): s is string => Boolean(s));
          return { batchItemFailures: all.map((itemIdentifier) => ({ itemIdentifier })) };
        }
      }
      log.info('aggregate: batch', { records: list.length, sessions: sequencesBySession.size, written, stale, skipped, failed: failures.length });
      return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
    },
  };
}
export type AggregateService = ReturnType<typeof makeAggregateService>;
