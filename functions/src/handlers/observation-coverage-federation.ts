import { CoverageQuery, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/observations';
import { FileReply } from '#lib/http';
import { xlsxFile } from '#lib/xlsx';
import { rollupSheets } from '#services/observation-rollup';

export const handler = route(
  { name: 'getFederationObservationCoverage', access: ['federationAdmin', 'districtAdmin'], params: IdParams, query: CoverageQuery },
  async ({ auth, params, query }) => {
    const rollup = await services.observations.federationCoverage(auth, params.id, query.semester);
    if (query.format !== 'xlsx') return rollup;
    // The leaders' sheet names people: an export of others' personal data, in the access trail like the school's.
    const file = xlsxFile(`${rollup.federationName}听评课覆盖${rollup.semester}`, rollupSheets(rollup));
    await accessTrail.record(auth, 'coverage_export', { federationId: params.id }, 'xlsx');
    return FileReply.of(file);
  },
);
