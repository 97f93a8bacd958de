import { db, tableName } from '#clients';
import { systemClock } from '#lib/clock';
import { makeAggregateRepository } from '#repositories/aggregates';
import { makeReportSnapshotRepository } from '#repositories/report-snapshots';
import { makeSchoolDigestRepository } from '#repositories/school-digests';
import { makeAggregateService } from '#services/aggregates';

// The stream aggregator's wiring: the table only (no secrets, no routes), so its bundle stays small.
const table = { db, table: tableName };
export const services = {
  aggregates: makeAggregateService({
    aggregates: makeAggregateRepository(table),
    digests: makeSchoolDigestRepository(table),
    snapshots: makeReportSnapshotRepository(table),
    clock: systemClock,
  }),
};
