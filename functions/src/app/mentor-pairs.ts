import { ulid } from 'ulid';
import { access, federationRepository, table } from '#app';
import { blobs } from '#clients';
import { systemClock } from '#lib/clock';
import { makeAttendanceRepository } from '#repositories/attendance';
import { makeMentorPairRepository } from '#repositories/mentor-pairs';
import { makeSessionRepository } from '#repositories/sessions';
import { makeUploadRepository } from '#repositories/uploads';
import { makeUserRepository } from '#repositories/users';
import { makeMentorPairService } from '#services/mentor-pairs';
import { makeUploadService } from '#services/uploads';

// 师徒结对: the register, its logs (with photos) and evaluation.
export const services = {
  mentorPairs: makeMentorPairService({
    pairs: makeMentorPairRepository(table),
    users: makeUserRepository(table),
    federations: federationRepository,
    sessions: makeSessionRepository(table),
    attendance: makeAttendanceRepository(table),
    uploads: makeUploadService({ uploads: makeUploadRepository(table), blobs, clock: systemClock, newId: ulid }),
    access,
    clock: systemClock,
  }),
};
