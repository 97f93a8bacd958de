import { ulid } from 'ulid';
import { table } from '#app';
import { systemClock } from '#lib/clock';
import { makeAccessTrailRepository } from '#repositories/access-trail';
import { makeAccessTrail } from '#services/access-trail';

// The admin access trail: imported by the handlers that show or export other people's personal data.
export const accessTrail = makeAccessTrail({ trail: makeAccessTrailRepository(table), clock: systemClock, newId: ulid });
