import { CoverageQuery, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/observations';
import { FileReply } from '#lib/http';
import { coverageFile } from '#services/observation-coverage';

export const handler = route(
  { name: 'getObservationCoverage', access: ['teacher', 'schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, query: CoverageQuery },
  async ({ auth, params, query }) => {
    const coverage = await services.observations.coverage(auth, params.id, query.semester);
    return query.format === 'xlsx' ? FileReply.of(coverageFile(coverage)) : coverage;
  },
);
