import { ArchiveQuery } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/archive';
import { ARCHIVE_READERS } from '#lib/access';
import { requestOrigin } from '#lib/http';

export const handler = route({ name: 'getArchive', access: ARCHIVE_READERS, query: ArchiveQuery }, async ({ auth, query, event }) => {
  const archive = await services.archive.list(auth, query, requestOrigin(event));
  // Another person's archive (an admin reading a teacher's): recorded in the access trail.
  if (query.userId && query.userId !== auth.userId) await accessTrail.record(auth, 'archive_view', { userId: query.userId });
  return archive;
});
