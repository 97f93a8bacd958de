import { ulid } from 'ulid';
import { access, federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeAttendanceRepository } from '#repositories/attendance';
import { makeGroupRepository } from '#repositories/groups';
import { scaleFederationOf } from '#repositories/observation-scales';
import { makeSessionRepository } from '#repositories/sessions';
import { makeExchangeRepository } from '#repositories/exchanges';
import { makeUserRepository } from '#repositories/users';
import { makeAudienceResolver } from '#services/audience';
import { makeGroupMembership } from '#services/group-members';
import { makeReach } from '#services/access';
import { makeSessionService } from '#services/sessions';

// The session service and what it reads: shared by the sessions domain and 家长学校 (registrations).
export const sessions = makeSessionRepository(table);
export const attendance = makeAttendanceRepository(table);
export const users = makeUserRepository(table);
export const groups = makeGroupRepository(table);
export const groupMembership = makeGroupMembership({ groups, users, federations: federationRepository });
export const audience = makeAudienceResolver({ federations: federationRepository, users, groups: groupMembership, exchanges: makeExchangeRepository(table) });
export const reach = makeReach({ access, users, attendance });

export const sessionService = makeSessionService({
  sessions,
  attendance,
  federations: federationRepository,
  audience,
  access,
  reach,
  clock: systemClock,
  newId: ulid,
  groupLeaderOf: (groupId) => groups.getMeta(groupId),
  scaleOf: (scaleId) => scaleFederationOf(table, scaleId),
});

/** For handlers that need only the session service. */
export const services = { sessions: sessionService };
