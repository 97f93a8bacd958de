import { ulid } from 'ulid';
import { table } from '#app';
import { blobs } from '#clients';
import { systemClock } from '#lib/clock';
import { makeErasureRepository } from '#repositories/erasure';
import { makeDataExportService } from '#services/data-export';

// A copy of one's data (个人信息副本): apart from `privacy` so the deletion handlers do not carry the ZIP writer.
export const services = {
  dataExport: makeDataExportService({ erasure: makeErasureRepository(table), blobs, clock: systemClock, newId: ulid }),
};
