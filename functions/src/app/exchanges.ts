import { ulid } from 'ulid';
import { access, federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeExchangeRepository } from '#repositories/exchanges';
import { makeUserRepository } from '#repositories/users';
import { makeExchangeService } from '#services/exchanges';

export const services = {
  exchanges: makeExchangeService({
    exchanges: makeExchangeRepository(table),
    federations: federationRepository,
    users: makeUserRepository(table),
    access,
    clock: systemClock,
    newId: ulid,
  }),
};
