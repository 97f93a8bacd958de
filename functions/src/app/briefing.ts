import { ulid } from 'ulid';
import { config } from '#config';
import { federationRepository, resolveSecret, table } from '#app';
import { blobs } from '#clients';
import { systemClock } from '#lib/clock';
import { makeRecordRepository } from '#repositories/records';
import { makeBriefingService } from '#services/briefing';
import { makeBundleService } from '#services/bundle';
import { attendance, audience, sessionService } from './session-service.ts';

// What is made from a session's record: the briefing (活动简报) and the ZIP bundle; apart from `records` to keep those bundles small.
const records = makeRecordRepository(table);
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

export const services = {
  briefing,
  bundle: makeBundleService({ records, attendance, federations: federationRepository, sessionService, briefing, blobs, clock: systemClock, newId: ulid }),
};
