import { ulid } from 'ulid';
import { access, federationRepository, table } from '#app';
import { blobs } from '#clients';
import { systemClock } from '#lib/clock';
import { makeRecordRepository } from '#repositories/records';
import { makeUploadRepository } from '#repositories/uploads';
import { makeRecordService } from '#services/records';
import { makeRecordsStatusService } from '#services/records-status';
import { makeUploadService } from '#services/uploads';
import { attendance, reach, sessions, sessionService } from './session-service.ts';

// Session records (活动档案): files and photos, reflections (心得), published excerpts.
const records = makeRecordRepository(table);
const uploads = makeUploadService({ uploads: makeUploadRepository(table), blobs, clock: systemClock, newId: ulid });

export const services = {
  records: makeRecordService({
    records,
    attendance,
    federations: federationRepository,
    sessions,
    sessionService,
    reach,
    uploads,
    blobs,
    clock: systemClock,
  }),
  recordsStatus: makeRecordsStatusService({ sessions, attendance, records, federations: federationRepository, access, clock: systemClock }),
};
