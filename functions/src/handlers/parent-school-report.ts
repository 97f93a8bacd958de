import { IdParams, ParentSchoolQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/family';
import { FileReply } from '#lib/http';

export const handler = route(
  { name: 'getParentSchoolReport', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, query: ParentSchoolQuery },
  async ({ auth, params, query }) => {
    const report = await services.family.report(auth, params.id, query.semester);
    if (query.format === 'csv' || query.format === 'xlsx') {
      const file = services.family.exportReport(report, query.format);
      return FileReply.of(file);
    }
    return report;
  },
);
