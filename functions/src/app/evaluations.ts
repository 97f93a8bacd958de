import { ulid } from 'ulid';
import { access, federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeEvaluationRepository } from '#repositories/evaluations';
import { makeObservationRepository } from '#repositories/observations';
import { makeEvaluationService } from '#services/evaluations';
import { makeObservationService } from '#services/observations';
import { attendance, groups, sessionService, users } from './session-service.ts';

// 评课 of lessons: stars, or the session's observation scale (then an observation of the teaching teacher, counted once).
const observationStore = makeObservationRepository(table);
export const services = {
  evaluations: makeEvaluationService({
    evaluations: makeEvaluationRepository(table),
    attendance,
    sessionService,
    observations: makeObservationService({ observations: observationStore, federations: federationRepository, users, groups, access, clock: systemClock, newId: ulid }),
    observationStore,
    clock: systemClock,
  }),
};
