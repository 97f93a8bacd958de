import { ulid } from 'ulid';
import { access, federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makePeopleRepository } from '#repositories/people';
import { makeUserRepository } from '#repositories/users';
import { makePeopleService } from '#services/people';

export const services = {
  people: makePeopleService({
    people: makePeopleRepository(table),
    users: makeUserRepository(table),
    federations: federationRepository,
    access,
    clock: systemClock,
    newId: ulid,
    cursorKey: table.cursorKey,
  }),
};
