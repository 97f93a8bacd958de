import { table } from '#app';
import { blobs } from '#clients';
import { systemClock } from '#lib/clock';
import { makeErasureRepository } from '#repositories/erasure';
import { makeErasureLinksRepository } from '#repositories/erasure-links';
import { makeUserRepository } from '#repositories/users';
import { makeDeletionService } from '#services/deletion';

// 注销 (account deletion): the request, its preview and cancel, and the erasure job.
export const services = {
  deletion: makeDeletionService({ users: makeUserRepository(table), erasure: makeErasureRepository(table), links: makeErasureLinksRepository(table), blobs, clock: systemClock }),
};
