import { access, federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeArchiveRepository } from '#repositories/archive';
import { makeAttendanceRepository } from '#repositories/attendance';
import { makeMentorPairRepository } from '#repositories/mentor-pairs';
import { makeReportSnapshotRepository } from '#repositories/report-snapshots';
import { makeObservationRepository } from '#repositories/observations';
import { makeExchangeRepository } from '#repositories/exchanges';
import { makeSessionRepository } from '#repositories/sessions';
import { makeUserRepository } from '#repositories/users';
import { federationCoverageOf } from '#services/observation-rollup';
import { makeReportService } from '#services/reports';

// Attendance and federation reports: school, federation and district figures for a semester.
export const services = {
  reports: makeReportService({
    federations: federationRepository,
    sessions: makeSessionRepository(table),
    attendance: makeAttendanceRepository(table),
    archive: makeArchiveRepository(table),
    users: makeUserRepository(table),
    mentorPairs: makeMentorPairRepository(table),
    access,
    clock: systemClock,
    exchanges: makeExchangeRepository(table),
    snapshots: makeReportSnapshotRepository(table),
    observationCoverage: (federation, semester) =>
      federationCoverageOf({ observations: makeObservationRepository(table), federations: federationRepository, users: makeUserRepository(table), clock: systemClock }, federation, semester),
  }),
};
