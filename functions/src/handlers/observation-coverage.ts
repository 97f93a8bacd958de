import { CoverageQuery, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/observations';
import { FileReply } from '#lib/http';
import { coverageFile } from '#services/observation-coverage';

export const handler = route(
  { name: 'getObservationCoverage', access: ['teacher', 'schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, query: CoverageQuery },
  async ({ auth, params, query }) => {
    const coverage = await services.observations.coverage(auth, params.id, query.semester);
    if (query.format !== 'xlsx') return coverage;
    const file = coverageFile(coverage);
    await accessTrail.record(auth, 'coverage_export', { schoolId: params.id }, 'xlsx');
    return FileReply.of(file);
  },
);
