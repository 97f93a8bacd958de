import { config } from '#config';
import { federationRepository, resolveSecret, table } from '#app';
import { blobs } from '#clients';
import { systemClock } from '#lib/clock';
import { makeRecordRepository } from '#repositories/records';
import { makeBriefingService } from '#services/briefing';
import { attendance, audience, sessionService } from './session-service.ts';

// The briefing (活动简报); apart from `records` to keep those bundles small.
export const records = makeRecordRepository(table);
const briefing = makeBriefingService({
  records,
  attendance,
  federations: federationRepository,
  audience,
  sessionService,
  blobs,
  clock: systemClock,
  // Signed with the QR key, told apart from the archive's print links by a purpose prefix.
  getLinkKey: async () => `briefing|${await resolveSecret(config.signIn.qrSecret, 'QR')}`,
});

export const services = { briefing };
