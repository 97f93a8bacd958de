import { ulid } from 'ulid';
import { access, federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeInviteRepository } from '#repositories/invites';
import { makeOrganizationRepository } from '#repositories/organization';
import { makeOrganizationService } from '#services/organization';

export const services = {
  organization: makeOrganizationService({
    organization: makeOrganizationRepository(table),
    federations: federationRepository,
    invites: makeInviteRepository(table),
    access,
    clock: systemClock,
    newId: ulid,
  }),
};
