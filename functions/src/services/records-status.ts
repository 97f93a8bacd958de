import { REFLECTION_RATE_DEFAULT, semesterDays, type RecordGap, type RecordsStatus, type RecordsStatusItem, type RecordsStatusQuery } from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import { sessionCountsKey, sessionCountsOf } from '#repositories/aggregates';
import type { AttendanceRepository } from '#repositories/attendance';
import type { FederationRepository } from '#repositories/federations';
import type { RecordRepository } from '#repositories/records';
import type { SessionRepository } from '#repositories/sessions';
import type { AccessPolicy } from './access.ts';
import { utcRange } from './archive-figures.ts';

/** COUNT queries in flight at once, for counters written before they kept `withSignInTime` (a semester has tens of sessions). */
const PARALLEL = 8;

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Which sessions of a semester lack their record: no photos, no activity plan, or fewer reflections than asked for by
 * the deadline. One Query for the sessions and one BatchGet per 33 sessions for the record counters, the reflection
 * requests and the attendance counters (`SESSION#<id>` / `COUNTS`, kept by the stream): a fixed number of requests
 * whatever the rosters' size, no COUNT of any roster.
 */
export function makeRecordsStatusService(deps: {
  sessions: SessionRepository;
  attendance: AttendanceRepository;
  records: RecordRepository;
  federations: FederationRepository;
  access: AccessPolicy;
  clock: Clock;
}) {
  return {
    async get(auth: AuthContext, federationId: string, query: RecordsStatusQuery): Promise<RecordsStatus> {
      const [federation, schools] = await Promise.all([deps.federations.getFederation(federationId), deps.federations.listSchoolsOfFederation(federationId)]);
      if (!federation) throw notFound('校联体不存在');
      const wholeFederation =
        deps.access.holds(auth, 'districtAdmin', {}) ||
        deps.access.holds(auth, 'federationAdmin', { federationId }) ||
        deps.access.holds(auth, 'organizer', { federationId });
      let hostSchools: Set<string> | undefined;
      if (!wholeFederation) {
        hostSchools = new Set(schools.filter((s) => deps.access.holds(auth, 'schoolAdmin', { schoolId: s.id })).map((s) => s.id));
        if (!hostSchools.size) throw forbidden('你只能查看自己组织或管理的活动档案情况');
      }

      const minRate = query.minRate ?? REFLECTION_RATE_DEFAULT;
      const now = deps.clock.now().getTime();
      const sessions = (await deps.sessions.listAllSessionsOfFederation(federationId, utcRange(semesterDays(query.semester)))).filter(
        (s) => (s.status === 'published' || s.status === 'closed') && (!hostSchools || hostSchools.has(s.hostSchoolId)),
      );
      const isFinished = (endAt: string) => Date.parse(endAt) <= now;
      // The record items and the attendance counters (issue 19) of every session in the same BatchGets.
      const finishedIds = new Set(sessions.filter((s) => isFinished(s.endAt)).map((s) => s.id));
      const { records, extra } = await deps.records.getRecordsOfSessionsWith(
        sessions.map((s) => s.id),
        (id) => (finishedIds.has(id) ? [sessionCountsKey(id)] : []),
      );
      const counters = new Map(extra.filter((item) => item.SK === 'COUNTS').map((item) => [String(item.PK).slice('SESSION#'.length), sessionCountsOf(item)]));
      // 签到人数: the records with a sign-in time. No counters: no records. Counters written before they kept it: COUNT.
      const signedIn = await mapLimited(sessions, PARALLEL, async (s) => {
        if (!isFinished(s.endAt)) return 0;
        const counts = counters.get(s.id);
        if (!counts) return 0;
        return counts.total.withSignInTime ?? deps.attendance.countSignedIn(s.id);
      });
      const schoolName = new Map(schools.map((s) => [s.id, s.name]));

      const items: RecordsStatusItem[] = sessions.map((session, i) => {
        const record = records.get(session.id);
        const files = record?.counts.files ?? { plan: 0, schedule: 0, courseware: 0, photo: 0, other: 0 };
        const finished = isFinished(session.endAt);
        const people = signedIn[i] ?? 0;
        const settings = record?.settings;
        const submitted = record?.counts.submitted ?? 0;
        const reflection = settings
          ? {
              deadline: settings.deadline,
              minLength: settings.minLength,
              submitted,
              rate: people ? Math.min(1, submitted / people) : 1,
              due: Date.parse(settings.deadline) <= now,
            }
          : undefined;
        const missing: RecordGap[] = [];
        if (finished) {
          if (!files.photo) missing.push('photos');
          if (!files.plan) missing.push('plan');
          if (reflection?.due && reflection.rate < minRate) missing.push('reflections');
        }
        return {
          sessionId: session.id,
          title: session.title,
          kind: session.kind,
          startAt: session.startAt,
          endAt: session.endAt,
          hostSchoolId: session.hostSchoolId,
          hostSchoolName: schoolName.get(session.hostSchoolId) ?? '',
          files,
          signedIn: people,
          ...(reflection ? { reflection } : {}),
          missing,
          finished,
        };
      });
      items.sort((a, b) => b.startAt.localeCompare(a.startAt));
      const finishedItems = items.filter((i) => i.finished);
      const missingCount = finishedItems.filter((i) => i.missing.length).length;
      return {
        federationId,
        semester: query.semester,
        minRate,
        items,
        totals: { sessions: items.length, finished: finishedItems.length, complete: finishedItems.length - missingCount, missing: missingCount },
      };
    },
  };
}
export type RecordsStatusService = ReturnType<typeof makeRecordsStatusService>;
