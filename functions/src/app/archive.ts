import { ulid } from 'ulid';
import { config } from '#config';
import { access, federationRepository, resolveSecret, table } from '#app';
import { blobs } from '#clients';
import { systemClock } from '#lib/clock';
import { makeArchiveRepository } from '#repositories/archive';
import { makeAttendanceRepository } from '#repositories/attendance';
import { makeCampaignRepository } from '#repositories/campaigns';
import { makeMentorPairRepository } from '#repositories/mentor-pairs';
import { makeObservationRepository } from '#repositories/observations';
import { makeExchangeRepository } from '#repositories/exchanges';
import { makeRecordRepository } from '#repositories/records';
import { makeSessionRepository } from '#repositories/sessions';
import { makeUploadRepository } from '#repositories/uploads';
import { makeUserRepository } from '#repositories/users';
import { makeReach } from '#services/access';
import { makeArchiveService } from '#services/archive';
import { makeUploadService } from '#services/uploads';

// The growth archive and the evidence files it takes.
const users = makeUserRepository(table);
const attendance = makeAttendanceRepository(table);
const uploads = makeUploadService({ uploads: makeUploadRepository(table), blobs, clock: systemClock, newId: ulid });

export const services = {
  uploads,
  archive: makeArchiveService({
    archive: makeArchiveRepository(table),
    attendance,
    campaigns: makeCampaignRepository(table),
    sessions: makeSessionRepository(table),
    records: makeRecordRepository(table),
    users,
    federations: federationRepository,
    mentorPairs: makeMentorPairRepository(table),
    uploads,
    access,
    reach: makeReach({ access, users, attendance }),
    clock: systemClock,
    // Print links are signed with the QR key (a server secret that never leaves the functions).
    getLinkKey: () => resolveSecret(config.signIn.qrSecret, 'QR'),
    exchanges: makeExchangeRepository(table),
    receivedObservations: (userId) => makeObservationRepository(table).listAllReceived(userId),
  }),
};
