import { db, tableName } from '#clients';
import { systemClock } from '#lib/clock';
import { makeAggregateRepository } from '#repositories/aggregates';
import { makeReportSnapshotRepository } from '#repositories/report-snapshots';
import { makeAggregateService } from '#services/aggregates';

// The stream aggregator's wiring: the table only (no secrets, no routes), so its bundle stays small.
const aggregates = makeAggregateRepository({ db, table: tableName });
export const services = { aggregates: makeAggregateService({ aggregates, clock: systemClock, snapshots: makeReportSnapshotRepository({ db, table: tableName }) }) };
