import { IdParams, ParentSchoolQuery } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/family';
import { FileReply } from '#lib/http';

export const handler = route(
  { name: 'getParentSchoolReport', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, query: ParentSchoolQuery },
  async ({ auth, params, query }) => {
    const report = await services.family.report(auth, params.id, query.semester);
    const asFile = query.format === 'csv' || query.format === 'xlsx';
    await accessTrail.record(auth, asFile ? 'parent_export' : 'parent_list', { schoolId: params.id }, query.format);
    if (query.format === 'csv' || query.format === 'xlsx') {
      const file = services.family.exportReport(report, query.format);
      return FileReply.of(file);
    }
    return report;
  },
);
