import { semesterRange } from '@lianyan/shared';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { systemClock } from '@lianyan/functions/lib/clock';
import { makeAggregateRepository } from '@lianyan/functions/repositories/aggregates';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { makeSchoolDigestRepository } from '@lianyan/functions/repositories/school-digests';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { makeReportSnapshotRepository } from '@lianyan/functions/repositories/report-snapshots';
import { makeAggregateService } from '@lianyan/functions/services/aggregates';

export interface RebuildReport {
  federationId: string;
  federationName: string;
  semester: string;
  sessions: number;
  /** Counters replaced by this run. */
  written: number;
  /** Counters the stream had meanwhile written from a later read (kept: they are newer). */
  stale: number;
  signedIn: number;
  records: number;
  /** School × semester digests written (a session's school semesters with records). */
  digests: number;
}

/**
 * `rebuild-aggregates`: every session of a federation starting in a semester gets its counters and school × semester digests recomputed from its
 * items by the aggregator's own computation (`recomputeSession`), so it may run beside the stream at any time.
 */
export async function rebuildAggregates(ctx: TableContext, request: { federationId: string; semester: string }): Promise<RebuildReport> {
  const federation = await makeFederationRepository(ctx).getFederation(request.federationId);
  if (!federation) throw new Error(`校联体 ${request.federationId} 不存在，请检查编号`);
  const service = makeAggregateService({ aggregates: makeAggregateRepository(ctx), digests: makeSchoolDigestRepository(ctx), clock: systemClock });
  const sessions = await makeSessionRepository(ctx).listAllSessionsOfFederation(request.federationId, semesterRange(request.semester));
  const report: RebuildReport = { federationId: federation.id, federationName: federation.name, semester: request.semester, sessions: sessions.length, written: 0, stale: 0, signedIn: 0, records: 0, digests: 0 };
  for (const session of sessions) {
    const { outcome, counts, digests } = await service.recomputeSession(session.id);
    report.digests += digests.size;
    report[outcome] += 1;
    report.signedIn += counts.total.signedIn;
    report.records += counts.total.records;
  }
  // The federation's kept reports were computed from what was there before: the next read computes them again.
  await makeReportSnapshotRepository(ctx).raise([federation.id], false);
  return report;
}

/**
 * Every session of every federation, whatever its semester: the local stack runs it once when it switches the
 * stream on for a table made before the stream existed (an old `npm start` data directory), whose sessions have
 * no counters yet. Queries on keys only, like the one above.
 */
export async function rebuildAllAggregates(ctx: TableContext): Promise<number> {
  const service = makeAggregateService({ aggregates: makeAggregateRepository(ctx), digests: makeSchoolDigestRepository(ctx), clock: systemClock });
  const sessions = makeSessionRepository(ctx);
  let count = 0;
  for (const federation of await makeFederationRepository(ctx).listFederations()) {
    for (const session of await sessions.listAllSessionsOfFederation(federation.id, { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' })) {
      await service.recomputeSession(session.id);
      count += 1;
    }
  }
  return count;
}

export function describeRebuild(r: RebuildReport): string[] {
  return [
    `重算统计：${r.federationName}（${r.federationId}），${r.semester} 学期，活动 ${r.sessions} 场`,
    `  已按出勤记录重写 ${r.written} 场的统计${r.stale ? `；${r.stale} 场在重算期间已被实时统计更新（保留较新的结果）` : ''}`,
    `  出勤记录 ${r.records} 条，实到 ${r.signedIn} 人次；学校学期摘要 ${r.digests} 份；该校联体的报表将在下次查看时重新计算。可重复运行，结果相同。`,
  ];
}
