import { IdParams, SchoolArchiveQuery } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/archive';
import { ADMINS } from '#lib/access';
import { FileReply } from '#lib/http';
import { overviewFile } from '#services/archive-print';

export const handler = route(
  { name: 'getSchoolArchive', access: ADMINS, params: IdParams, query: SchoolArchiveQuery },
  async ({ auth, params, query }) => {
    const overview = await services.archive.overview(auth, params.id, query.year);
    const asFile = query.format === 'csv' || query.format === 'xlsx';
    await accessTrail.record(auth, asFile ? 'archive_export' : 'archive_view', { schoolId: params.id }, query.format);
    if (query.format === 'csv' || query.format === 'xlsx') {
      const file = overviewFile(overview, query.format);
      return FileReply.of(file);
    }
    return overview;
  },
);
