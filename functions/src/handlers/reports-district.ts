import { ReportQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/reports';
import { FileReply } from '#lib/http';
import { districtReportFile } from '#services/reports-export';

export const handler = route({ name: 'getDistrictReport', access: ['districtAdmin'], query: ReportQuery }, async ({ auth, query }) => {
  const report = await services.reports.district(auth, query);
  if (query.format === 'csv' || query.format === 'xlsx') {
    const file = districtReportFile(report, query.format);
    return FileReply.of(file);
  }
  return report;
});
