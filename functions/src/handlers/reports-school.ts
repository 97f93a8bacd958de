import { IdParams, ReportQuery } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/reports';
import { ADMINS } from '#lib/access';
import { FileReply } from '#lib/http';
import { schoolReportFile } from '#services/reports-export';

export const handler = route(
  { name: 'getSchoolReport', access: ADMINS, params: IdParams, query: ReportQuery },
  async ({ auth, params, query }) => {
    const report = await services.reports.school(auth, params.id, query);
    if (query.format === 'csv' || query.format === 'xlsx') {
      const file = schoolReportFile(report, query.format);
      await accessTrail.record(auth, 'report_export', { schoolId: params.id }, query.format);
      return FileReply.of(file);
    }
    return report;
  },
);
