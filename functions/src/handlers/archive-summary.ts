import { SummaryQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/archive';
import { ARCHIVE_READERS } from '#lib/access';

export const handler = route({ name: 'getArchiveSummary', access: ARCHIVE_READERS, query: SummaryQuery }, ({ auth, query }) =>
  services.archive.summary(auth, query),
);
