import type { Attendance, Session } from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import type { Logger } from '#lib/logger';
import type { AttendanceRepository } from '#repositories/attendance';
import type { SessionRepository } from '#repositories/sessions';
import { sharedDeviceUsers } from './attendance-rules.ts';
import type { AudienceResolver } from './audience.ts';

export type ClosedBy = NonNullable<Session['closedBy']>;

/**
 * The one close path (organizer, scheduled auto-close, demo seed). Close wins over sign-ins: the session turns
 * `closed` first, then every audience member without a record gets an absent one and every record without a
 * sign-in is sealed (`closedAt`); a sign-in's write refuses such records, so once close has answered no sign-in
 * changes the roster, whatever session the sign-in read (or cached).
 */
export function makeCloser(deps: { sessions: SessionRepository; attendance: AttendanceRepository; audience: AudienceResolver; clock: Clock }) {
  const { sessions, attendance } = deps;

  async function close(session: Session, closedBy: ClosedBy): Promise<(Session & { markedAbsent: number }) | undefined> {
    const now = deps.clock.now().toISOString();
    const members = await deps.audience.listMembers(session);
    const closed = await sessions.markClosed(session.id, { closedAt: now, closedBy, expectedCount: members.length });
    if (!closed) return undefined;
    const closedAt = closed.closedAt ?? now;
    const roster = await attendance.listWholeRoster(session.id);
    const present = new Set(roster.map((a) => a.userId));
    const ix = { sessionStartAt: closed.startAt, sessionKind: closed.kind };
    let markedAbsent = 0;
    const missing = members.filter((m) => !present.has(m.id));
    const unsigned = roster.filter((a) => !a.signedInAt && !a.closedAt);
    for (let i = 0; i < missing.length; i += 25) {
      const results = await Promise.all(
        missing.slice(i, i + 25).map((m) => {
          const record: Attendance = {
            sessionId: session.id,
            userId: m.id,
            name: m.name,
            schoolId: m.schoolId,
            status: 'absent',
            method: 'manual',
            flags: [],
            creditedHours: 0,
            updatedAt: now,
            closedAt,
          };
          return attendance.putAbsentIfMissing(record, ix);
        }),
      );
      markedAbsent += results.filter(Boolean).length;
    }
    for (let i = 0; i < unsigned.length; i += 25) {
      await Promise.all(unsigned.slice(i, i + 25).map((a) => attendance.sealUnsigned(session.id, a.userId, closedAt)));
    }
    for (const userId of sharedDeviceUsers(roster)) await attendance.addFlag(session.id, userId, 'shared_device');
    return { ...closed, markedAbsent };
  }

  return {
    close,

    /** The scheduled job: closes every published session that ended at least `afterMs` ago, as a manual close does. */
    async closeEnded(afterMs: number, log?: Logger): Promise<{ closed: number; failed: number }> {
      const endedBy = new Date(deps.clock.now().getTime() - afterMs).toISOString();
      let closedCount = 0;
      let failed = 0;
      for (;;) {
        const ids = await sessions.listEndedOpenSessionIds(endedBy);
        const found = new Map((await sessions.getSessions(ids)).map((s) => [s.id, s]));
        let settled = 0;
        for (const id of ids) {
          const session = found.get(id);
          try {
            if (session && (await close(session, 'auto'))) closedCount += 1;
            else await sessions.dropFromCloseQueue(id);
            settled += 1;
          } catch (error) {
            failed += 1;
            log?.error('autoCloseFailed', { sessionId: id, error: error instanceof Error ? error.message : String(error) });
          }
        }
        // A short page is the last; one that settled nothing (all failed) is left for the next run.
        if (ids.length < 100 || settled === 0) break;
      }
      return { closed: closedCount, failed };
    },
  };
}
export type Closer = ReturnType<typeof makeCloser>;
