import { access, federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeSetupStatusRepository } from '#repositories/setup-status';
import { makeUserRepository } from '#repositories/users';
import { makeSetupStatusService } from '#services/setup-status';

export const services = {
  setupStatus: makeSetupStatusService({
    federations: federationRepository,
    users: makeUserRepository(table),
    setup: makeSetupStatusRepository(table),
    access,
    clock: systemClock,
  }),
};
