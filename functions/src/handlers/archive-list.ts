import { ArchiveQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/archive';
import { ARCHIVE_READERS } from '#lib/access';
import { requestOrigin } from '#lib/http';

export const handler = route({ name: 'getArchive', access: ARCHIVE_READERS, query: ArchiveQuery }, ({ auth, query, event }) =>
  services.archive.list(auth, query, requestOrigin(event)),
);
