import { DistrictReport, FederationReport, SchoolReport } from '@lianyan/shared';
import { request } from './request';

export type ReportScope = { kind: 'school'; id: string } | { kind: 'federation'; id: string } | { kind: 'district' };

function reportPath(scope: ReportScope, query: Record<string, string | number | undefined>): string {
  const base =
    scope.kind === 'district'
      ? '/v1/reports/district'
      : `/v1/reports/${scope.kind === 'school' ? 'schools' : 'federations'}/${encodeURIComponent(scope.id)}`;
  const params = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return params ? `${base}?${params}` : base;
}

export function getSchoolReport(id: string, semester: string, threshold?: number): Promise<SchoolReport> {
  return request(reportPath({ kind: 'school', id }, { semester, threshold }), SchoolReport, { silent: true });
}

export function getFederationReport(id: string, semester: string): Promise<FederationReport> {
  return request(reportPath({ kind: 'federation', id }, { semester }), FederationReport, { silent: true });
}

export function getDistrictReport(semester: string): Promise<DistrictReport> {
  return request(reportPath({ kind: 'district' }, { semester }), DistrictReport, { silent: true });
}

export function reportExportPath(scope: ReportScope, semester: string, format: 'csv' | 'xlsx', threshold?: number): string {
  return reportPath(scope, { semester, format, threshold });
}
