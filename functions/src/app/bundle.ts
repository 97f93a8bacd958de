import { ulid } from 'ulid';
import { federationRepository } from '#app';
import { blobs } from '#clients';
import { systemClock } from '#lib/clock';
import { makeBundleService } from '#services/bundle';
import { records, services as briefingServices } from './briefing.ts';
import { attendance, sessionService } from './session-service.ts';

// The record bundle (ZIP): apart from `briefing` so the briefing's handlers do not carry the ZIP, XLSX and PDF writers.
export const services = {
  bundle: makeBundleService({ records, attendance, federations: federationRepository, sessionService, briefing: briefingServices.briefing, blobs, clock: systemClock, newId: ulid }),
};
