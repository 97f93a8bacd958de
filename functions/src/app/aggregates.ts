import { db, tableName } from '#clients';
import { systemClock } from '#lib/clock';
import { makeAggregateRepository } from '#repositories/aggregates';
import { makeSchoolDigestRepository } from '#repositories/school-digests';
import { makeAggregateService } from '#services/aggregates';

// The stream aggregator's wiring: the table only (no secrets, no routes), so its bundle stays small.
export const aggregates = makeAggregateRepository({ db, table: tableName });
const digests = makeSchoolDigestRepository({ db, table: tableName });
export const services = { aggregates: makeAggregateService({ aggregates, digests, clock: systemClock }) };
