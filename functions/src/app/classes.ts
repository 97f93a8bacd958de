import { access, federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeClassRepository } from '#repositories/classes';
import { makeInviteRepository } from '#repositories/invites';
import { makeClassService } from '#services/classes';

// 班级管理: the classes of a school year, what parents bind to, the rollover on 1 September.
export const classService = makeClassService({
  classes: makeClassRepository(table),
  federations: federationRepository,
  invites: makeInviteRepository(table),
  access,
  clock: systemClock,
});
export const services = { classes: classService };
