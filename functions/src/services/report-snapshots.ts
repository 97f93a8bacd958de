import { addDays, semesterDays, shanghaiDay, type Federation, type FederationCoverage, type FederationReport, type Session } from '@lianyan/shared';
import { sameVersions, type ReportSnapshotRepository, type ReportVersions, type StoredSnapshot } from '#repositories/report-snapshots';

// Federation reports kept at the versions they were computed at (docs/design/aggregates.md "Report snapshots").

/** Raised when what a snapshot holds, or how its figures are computed, changes: older snapshots are then recomputed. */
export const REPORT_SNAPSHOT_FORMAT = 1;

export type ReportBody = Omit<FederationReport, 'generatedAt'>;

/**
 * The first instant after `now` at which the report's figures change with no write: a session of either semester
 * starts (held, due) or ends (its audience stands in for absences until close); a new day in Asia/Shanghai (the
 * exchanges' 待考核, the day-based parts); a leader's on-track line moves (⌊target × share of the semester gone⌋ steps up).
 */
export function nextChangeAfter(now: Date, sessions: Array<Pick<Session, 'startAt' | 'endAt'>>, coverage?: FederationCoverage): string {
  const t = now.getTime();
  const candidates = [Date.parse(`${addDays(shanghaiDay(now), 1)}T00:00:00+08:00`)];
  for (const s of sessions) for (const at of [Date.parse(s.startAt), Date.parse(s.endAt)]) if (at > t) candidates.push(at);
  if (coverage) {
    const range = semesterDays(coverage.semester);
    const from = Date.parse(`${range.from}T00:00:00+08:00`);
    const to = Date.parse(`${range.to}T23:59:59+08:00`);
    const share = Math.min(1, Math.max(0, (t - from) / (to - from)));
    for (const leader of coverage.leaders) {
      if (!leader.target) continue;
      const next = Math.floor(leader.target * share) + 1;
      // The instant target × share reaches `next` (a millisecond later, so the floor has surely stepped).
      if (next <= leader.target) candidates.push(Math.ceil(from + (next / leader.target) * (to - from)) + 1);
    }
  }
  return new Date(Math.min(...candidates)).toISOString();
}

/** Whether a snapshot may be served: same versions, same format, and read before its figures would move on. */
export const isCurrent = (snapshot: StoredSnapshot | undefined, versions: ReportVersions, now: Date): snapshot is StoredSnapshot =>
  Boolean(snapshot && snapshot.format === REPORT_SNAPSHOT_FORMAT && sameVersions(snapshot.versions, versions) && now.getTime() < Date.parse(snapshot.validUntil));

/**
 * Each federation's report of a semester at a threshold: the snapshot when it is current, else `compute` (the report
 * read from the items and the digests), kept at the versions read *before* computing — a change that lands meanwhile
 * raises them, so that snapshot is never served after it. Versions and snapshots of every federation: one BatchGetItem.
 */
export async function federationReports(
  snapshots: ReportSnapshotRepository,
  federations: Federation[],
  key: { semester: string; threshold: number },
  now: () => Date,
  compute: (federation: Federation) => Promise<{ report: ReportBody; validUntil: string }>,
): Promise<Array<{ federation: Federation; report: ReportBody; fromSnapshot: boolean }>> {
  const read = await snapshots.read(
    federations.map((f) => f.id),
    key.semester,
    key.threshold,
  );
  return Promise.all(
    federations.map(async (federation) => {
      const { versions, snapshot } = read.get(federation.id) ?? { versions: { federation: 0, all: 0 } };
      if (isCurrent(snapshot, versions, now())) return { federation, report: snapshot.report, fromSnapshot: true };
      const computed = await compute(federation);
      await snapshots.put(federation.id, key.semester, key.threshold, { versions, validUntil: computed.validUntil, format: REPORT_SNAPSHOT_FORMAT, report: computed.report });
      return { federation, report: computed.report, fromSnapshot: false };
    }),
  );
}
