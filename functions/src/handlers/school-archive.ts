import { IdParams, SchoolArchiveQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/archive';
import { ADMINS } from '#lib/access';
import { FileReply } from '#lib/http';
import { overviewFile } from '#services/archive-print';

export const handler = route(
  { name: 'getSchoolArchive', access: ADMINS, params: IdParams, query: SchoolArchiveQuery },
  async ({ auth, params, query }) => {
    const overview = await services.archive.overview(auth, params.id, query.year);
    if (query.format === 'csv' || query.format === 'xlsx') {
      const file = overviewFile(overview, query.format);
      return FileReply.of(file);
    }
    return overview;
  },
);
