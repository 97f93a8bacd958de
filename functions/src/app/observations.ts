import { ulid } from 'ulid';
import { access, federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeGroupRepository } from '#repositories/groups';
import { makeObservationRepository } from '#repositories/observations';
import { makeUserRepository } from '#repositories/users';
import { makeObservationService } from '#services/observations';

// 听评课: observation scales, walk-in observations and a school's coverage.
export const services = {
  observations: makeObservationService({
    observations: makeObservationRepository(table),
    federations: federationRepository,
    users: makeUserRepository(table),
    groups: makeGroupRepository(table),
    access,
    clock: systemClock,
    newId: ulid,
  }),
};
