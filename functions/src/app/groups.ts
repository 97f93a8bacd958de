import { ulid } from 'ulid';
import { access, federationRepository } from '#app';
import { systemClock } from '#lib/clock';
import { makeGroupService } from '#services/groups';
import { groupMembership, groups, sessions } from './session-service.ts';

// 中心教研组: the groups, their members (computed, see services/group-members.ts) and their sessions.
export const services = {
  groups: makeGroupService({ groups, membership: groupMembership, federations: federationRepository, sessions, access, clock: systemClock, newId: ulid }),
};
