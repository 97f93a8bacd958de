import { access, federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeClassRepository } from '#repositories/classes';
import { makeInviteRepository } from '#repositories/invites';
import { makeOrganizationRepository } from '#repositories/organization';
import { makeClassService } from '#services/classes';
import { makeSchoolMoves } from '#services/school-moves';

// 班级管理: the classes of a school year, what parents bind to, the rollover on 1 September.
export const classService = makeClassService({
  classes: makeClassRepository(table),
  federations: federationRepository,
  invites: makeInviteRepository(table),
  access,
  clock: systemClock,
  moves: makeSchoolMoves({ organization: makeOrganizationRepository(table), federations: federationRepository }),
});
export const services = { classes: classService };
