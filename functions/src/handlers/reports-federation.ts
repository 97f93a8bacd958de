import { IdParams, ReportQuery } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/reports';
import { ADMINS } from '#lib/access';
import { FileReply } from '#lib/http';
import { federationReportFile } from '#services/reports-export';

export const handler = route(
  { name: 'getFederationReport', access: ADMINS, params: IdParams, query: ReportQuery },
  async ({ auth, params, query }) => {
    const asFile = query.format === 'csv' || query.format === 'xlsx';
    const { report, teachers } = await services.reports.federation(auth, params.id, query, { teachers: asFile });
    if (query.format === 'csv' || query.format === 'xlsx') {
      const file = federationReportFile(report, teachers, query.format);
      await accessTrail.record(auth, 'report_export', { federationId: params.id }, query.format);
      return FileReply.of(file);
    }
    return report;
  },
);
