import { ReportQuery } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/reports';
import { FileReply } from '#lib/http';
import { districtReportFile } from '#services/reports-export';

export const handler = route({ name: 'getDistrictReport', access: ['districtAdmin'], query: ReportQuery }, async ({ auth, query }) => {
  const report = await services.reports.district(auth, query);
  if (query.format === 'csv' || query.format === 'xlsx') {
    const file = districtReportFile(report, query.format);
    await accessTrail.record(auth, 'report_export', { district: true }, query.format);
    return FileReply.of(file);
  }
  return report;
});
