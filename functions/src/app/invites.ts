import { access, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeInviteRepository } from '#repositories/invites';
import { makeInviteService } from '#services/invites';
import { authService } from './auth.ts';

export const services = {
  invites: makeInviteService({ invites: makeInviteRepository(table), access, auth: authService, clock: systemClock }),
};
