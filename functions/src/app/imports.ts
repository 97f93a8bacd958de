import { ulid } from 'ulid';
import { access, federationRepository, table } from '#app';
import { blobs } from '#clients';
import { systemClock } from '#lib/clock';
import { makeImportRepository } from '#repositories/imports';
import { makePeopleRepository } from '#repositories/people';
import { makeUploadRepository } from '#repositories/uploads';
import { makeImportService } from '#services/imports';
import { makeUploadService } from '#services/uploads';

// 教师名册导入: its own functions (the XLSX reader is bundled only here).
export const services = {
  imports: makeImportService({
    imports: makeImportRepository(table),
    people: makePeopleRepository(table),
    federations: federationRepository,
    uploads: makeUploadService({ uploads: makeUploadRepository(table), blobs, clock: systemClock, newId: ulid }),
    access,
    clock: systemClock,
    newId: ulid,
  }),
};
