import { ArchiveObservationsQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/archive';
import { ARCHIVE_READERS } from '#lib/access';

/** 听评课 in the growth archive: a teacher's own, or a teacher of the school for its admins. */
export const handler = route({ name: 'getArchiveObservations', access: ARCHIVE_READERS, query: ArchiveObservationsQuery }, ({ auth, query }) =>
  services.archive.observations(auth, query.userId),
);
